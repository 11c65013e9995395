import type { Io } from "../../src/index.js";

export interface FakeIo extends Io {
  out: string;
  err: string;
}

/** An Io that records what the CLI writes. */
export function fakeIo(cwd: string, env: Record<string, string | undefined> = {}): FakeIo {
  const io: FakeIo = {
    cwd,
    env,
    stdoutIsTTY: false,
    out: "",
    err: "",
    stdout(text) {
      io.out += text;
    },
    stderr(text) {
      io.err += text;
    },
  };
  return io;
}
