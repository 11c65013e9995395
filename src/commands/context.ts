import type { Colors } from "../format/color.js";
import type { Config } from "../config/resolve.js";
import type { Io } from "../io.js";

/** Options every command shares (flags override the configuration file). */
export interface CommonArgs {
  cwd: string;
  config?: string | undefined;
  migrations?: string[] | undefined;
  registry?: string | undefined;
  "registry-variable"?: string | undefined;
  executor?: string[] | undefined;
  color?: boolean | undefined;
  debug: boolean;
}

export interface CommandContext {
  io: Io;
  chalk: Colors;
  /** Absolute working directory (`--cwd`). */
  cwd: string;
}

/** The configuration with command-line flags applied over it. */
export function applyFlags(config: Config, args: CommonArgs): Config {
  return {
    ...config,
    ...(args.migrations?.length ? { migrations: args.migrations, sources: [], detectSources: false } : {}),
    registry: args.registry ?? config.registry,
    registryConfigured: config.registryConfigured || args.registry !== undefined,
    registryVariable: args["registry-variable"] ?? config.registryVariable,
    executors: [...config.executors, ...(args.executor ?? [])],
  };
}

/** The process's memory release, run between the analysis and the rules (Toolkit.afterAnalysis), when it has one. */
export function afterAnalysisOf(ctx: CommandContext): { afterAnalysis?: () => void } {
  return ctx.io.releaseMemory ? { afterAnalysis: ctx.io.releaseMemory } : {};
}
