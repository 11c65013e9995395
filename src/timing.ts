/**
 * Per-stage wall time of one run (`check --timing` or INDEX_AUDIT_TIMING=1),
 * for `npm run bench` and for anyone asking why a hook is slow. The clock is
 * injected; the stages add up what they measure and nothing is printed here.
 */
export interface Timer {
  /** Runs `f` and adds its duration to `stage`. */
  time<T>(stage: string, f: () => T): T;
  add(stage: string, ms: number): void;
  /** Milliseconds added to `stage` so far. */
  total(stage: string): number;
  /** Stages in the order first seen, with their total milliseconds. */
  stages(): [string, number][];
  /** The clock, for a stage measured in pieces (0 when nothing is measured). */
  now(): number;
}

export function createTimer(now: () => number): Timer {
  const totals = new Map<string, number>();
  const add = (stage: string, ms: number): void => {
    totals.set(stage, (totals.get(stage) ?? 0) + ms);
  };
  return {
    time(stage, f) {
      const start = now();
      try {
        return f();
      } finally {
        add(stage, now() - start);
      }
    },
    add,
    total: (stage) => totals.get(stage) ?? 0,
    stages: () => [...totals],
    now,
  };
}

/**
 * A timer that measures nothing: the default. Its clock reads nothing either:
 * Node loads \`perf_hooks\` on the first use of the global \`performance\`
 * (about 5 ms of a cold run).
 */
export const NO_TIMER: Timer = {
  time: (_stage, f) => f(),
  add: () => {},
  total: () => 0,
  stages: () => [],
  now: () => 0,
};

/** `index-audit timing: <stage> <ms> ms` lines, as the bench reads them. */
export function formatTimings(stages: readonly [string, number][]): string {
  return stages.map(([stage, ms]) => `index-audit timing: ${stage.padEnd(20)} ${ms.toFixed(1)} ms\n`).join("");
}
