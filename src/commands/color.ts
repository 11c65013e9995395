import { Chalk, type ChalkInstance } from "chalk";
import type { Io } from "../io.js";

/** --no-color / --color, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
export function makeChalk(flag: boolean | undefined, io: Io): ChalkInstance {
  let level: 0 | 1 | 2 | 3 = io.stdoutIsTTY ? 1 : 0;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") level = 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) level = force === "0" || force === "false" ? 0 : force === "2" ? 2 : force === "3" ? 3 : 1;
  if (flag === false) level = 0;
  if (flag === true && level === 0) level = 1;
  return new Chalk({ level });
}
