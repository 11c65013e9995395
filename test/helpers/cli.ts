import { run } from "../../src/index.js";
import { fakeIo } from "./io.js";

/** Runs the CLI in `cwd` as a user would, and returns its exit code and both streams. */
export async function cli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}
