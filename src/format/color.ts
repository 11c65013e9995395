import type { Io } from "../io.js";
import esmPackages from "../esm/packages.cjs";

/** Styles one string. */
export type Paint = (text: string) => string;

/** The styles the formatters use; a chalk instance fits, and so does the plain set below. */
export interface Colors {
  bold: Paint;
  dim: Paint;
  cyan: Paint;
  green: Paint;
  underline: Paint;
  red: Paint & { bold: Paint };
  yellow: Paint & { bold: Paint };
}

const same: Paint = (text) => text;

/** No colour: every style returns its text unchanged, as chalk does at level 0. */
export const PLAIN: Colors = { bold: same, dim: same, cyan: same, green: same, underline: same, red: Object.assign((text: string) => text, { bold: same }), yellow: Object.assign((text: string) => text, { bold: same }) };

/** --no-color / --color, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
function colorLevel(flag: boolean | undefined, io: Io): 0 | 1 | 2 | 3 {
  let level: 0 | 1 | 2 | 3 = io.stdoutIsTTY ? 1 : 0;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") level = 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) level = force === "0" || force === "false" ? 0 : force === "2" ? 2 : force === "3" ? 3 : 1;
  if (flag === false) level = 0;
  if (flag === true && level === 0) level = 1;
  return level;
}

/** The colours for this run; chalk (about 25 ms to load) is imported only when colour is on. */
export async function makeColors(flag: boolean | undefined, io: Io): Promise<Colors> {
  const level = colorLevel(flag, io);
  if (level === 0) return PLAIN;
  const { Chalk } = await esmPackages.importChalk();
  return new Chalk({ level });
}
