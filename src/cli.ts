import { Chalk, type ChalkInstance } from "chalk";
import yargs from "yargs";
import { isUserError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { formatListCsv, formatListJson, formatListTable } from "./format/list.js";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS, type AnalyzeOptions, type ProjectInput } from "./project/analyze.js";
import { expandGlobs, readPythonFile } from "./project/files.js";
import { resolve } from "node:path";

export const DEFAULT_MIGRATIONS = ["server/db_migrate.py"];
export const DEFAULT_REGISTRY = "server/db_indexes.py";

interface CommonArgs {
  cwd: string;
  migrations: string[];
  registry: string;
  "registry-variable": string;
  executor: string[];
  color: boolean | undefined;
  debug: boolean;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    const parsed = await parseArgs(argv, io);
    if (parsed.kind === "output") {
      io.stdout(parsed.text + "\n");
      return 0;
    }
    const args = parsed.args;
    debug = args.debug;
    const chalk = makeChalk(args.color, io);
    const command = String(args._[0] ?? "list");
    if (command !== "list") throw new UsageError(`unknown command '${command}'`);
    const cwd = resolve(io.cwd, args.cwd);
    const input = readProject(cwd, args);
    const options: AnalyzeOptions = {
      ...DEFAULT_ANALYZE_OPTIONS,
      executors: [...DEFAULT_ANALYZE_OPTIONS.executors, ...args.executor],
      registryVariable: args["registry-variable"],
    };
    const inventory = await analyzeProject(input, options, createToolkit());
    const format = String(args.format ?? "table");
    io.stdout(format === "json" ? formatListJson(inventory) : format === "csv" ? formatListCsv(inventory) : formatListTable(inventory, chalk));
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`index-audit: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(debug && e instanceof Error && e.stack ? `${e.stack}\n` : `index-audit: internal error: ${message} (run with --debug for details)\n`);
    return 2;
  }
}

type Parsed = { kind: "output"; text: string } | { kind: "args"; args: CommonArgs & { _: (string | number)[]; format?: string } };

function parseArgs(argv: readonly string[], io: Io): Promise<Parsed> {
  const parser = yargs([...argv])
    .scriptName("index-audit")
    .usage("$0 <command> [options]")
    .command("list", "List every index the migrations and the registry create, with its class and reason", (y) =>
      y.option("format", { alias: "f", choices: ["table", "json", "csv"] as const, default: "table", describe: "Output format" }),
    )
    .option("cwd", { type: "string", default: ".", describe: "Project directory (paths are relative to it)" })
    .option("migrations", { type: "array", string: true, default: DEFAULT_MIGRATIONS, describe: "Migration files (globs)" })
    .option("registry", { type: "string", default: DEFAULT_REGISTRY, describe: "Index registry file" })
    .option("registry-variable", { type: "string", default: "INDEX_DEFS", describe: "Registry variable holding the list of entries" })
    .option("executor", { type: "array", string: true, default: [] as string[], describe: "Extra calls whose argument is SQL (e.g. exec_index)" })
    .option("color", { type: "boolean", describe: "Colour output (--no-color to disable)" })
    .option("debug", { type: "boolean", default: false, describe: "Show stack traces of internal errors" })
    .strict()
    .exitProcess(false)
    .help()
    .version(false)
    .wrap(Math.min(100, io.env.COLUMNS ? Number(io.env.COLUMNS) : 100));
  return new Promise((resolvePromise, reject) => {
    parser.parse([...argv], {}, (err, args, output) => {
      if (err) reject(new UsageError(err.message));
      else if (output) resolvePromise({ kind: "output", text: output });
      else resolvePromise({ kind: "args", args: args as unknown as CommonArgs & { _: (string | number)[]; format?: string } });
    });
  });
}

function readProject(cwd: string, args: CommonArgs): ProjectInput {
  const migrationPaths = expandGlobs(cwd, args.migrations, "migrations");
  const [registryPath] = expandGlobs(cwd, [args.registry], "registry");
  const migrations = migrationPaths.map((p) => readPythonFile(cwd, p, "migration"));
  const registry = readPythonFile(cwd, registryPath!, "registry");
  return { migrations, registry };
}

/** --no-color, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
export function makeChalk(flag: boolean | undefined, io: Io): ChalkInstance {
  let level: 0 | 1 | 2 | 3 = io.stdoutIsTTY ? 1 : 0;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") level = 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) level = force === "0" || force === "false" ? 0 : force === "2" ? 2 : force === "3" ? 3 : 1;
  if (flag === false) level = 0;
  if (flag === true && level === 0) level = 1;
  return new Chalk({ level });
}
