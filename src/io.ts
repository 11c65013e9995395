/** Everything the CLI needs from the process, so tests can pass a fake one. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colour by default). */
  stdoutIsTTY: boolean;
  /** The terminal's width when stdout is one (`list` fits its table to it). */
  stdoutColumns?: number;
  /**
   * Frees memory between the analysis and the rules (src/process-flags.ts,
   * collectLargeHeap). Only the real process has one: a fake or a host
   * embedding the CLI keeps its own memory policy.
   */
  releaseMemory?: () => void;
}
