/**
 * Every budget of static evaluation, in one place. They exist so that
 * `"x" * 10**9`, `range(10**9)`, deep nesting or helpers calling helpers
 * yield "unknown" instead of a hang or a crash. Hitting one is never silent:
 * the evaluator records a LimitHit at the expression or call site, and the
 * inventory reports it as a finding naming the limit.
 */
export const LIMITS = {
  /** Nesting depth of the expression being evaluated. */
  depth: 60,
  /** Evaluation steps for one file (long strings are charged one step per 64 characters). */
  steps: 2_000_000,
  /** Characters in one evaluated string. */
  stringLength: 1 << 20,
  /** Items in one evaluated list (or comprehension). */
  listItems: 10_000,
  /** Iterations of one `range()`. */
  range: 1_000,
  /** Helper levels followed from SQL inside a function up to its callers. */
  callDepth: 4,
  /** Environments produced by unrolling the `for` loops around one expression (for one call site). */
  unrolledIterations: 1_000,
  /** Strings produced by one executor call (or string) over all its helper call sites. */
  resultsPerSink: 100_000,
  /** Python syntax errors listed per file (past the first few, tree-sitter's recovery says little). */
  syntaxErrors: 5,
  /** Alembic: helper functions followed from `upgrade()`. */
  helperDepth: 4,
  /** Alembic: names and helpers followed to expand one `*args` / `**kwargs`. */
  splatDepth: 4,
  /** Alembic: directory levels read below a versions directory (`recursive_version_locations`). */
  versionDepth: 8,
  /** .sql files: levels of files run by psql's `\ir` followed from a migration (a file that runs itself would never end). */
  includeDepth: 16,
  /** .sql files: files run by psql's `\ir` read in all (a file run twice by each of 16 levels would be 65,536). */
  includeRuns: 1_000,
  /** Alembic: project modules read from env.py's imports to find the naming convention. */
  envModules: 20,
  /** Alembic with Flask-Migrate: project Python files looked through for the app's `SQLAlchemy(...)`. */
  appModules: 2_000,
  /** Alembic with Flask-Migrate: directory levels below the project root looked through for the app's `SQLAlchemy(...)`. */
  appModuleDepth: 6,
  /** Alembic: names, attributes and calls followed from env.py's `target_metadata=` to the MetaData it stands for. */
  metadataDepth: 16,
  /** Alembic: project modules read from the revisions' imports for the helpers they define. */
  helperModules: 50,
  /** Django: module-level names followed from one name to the value it stands for (`OPS = BASE_OPS`, `BASE_OPS = [...]`). */
  aliasDepth: 8,
} as const;

export type LimitName = keyof typeof LIMITS;

/** What each limit bounds, for the finding's message. */
const LIMIT_SUBJECTS: Readonly<Record<LimitName, string>> = {
  depth: "expression nesting depth",
  steps: "evaluation steps per file",
  stringLength: "characters per string",
  listItems: "items per list",
  range: "iterations of range()",
  callDepth: "helper call levels",
  unrolledIterations: "unrolled loop iterations per statement",
  resultsPerSink: "strings per executor call",
  helperDepth: "helper levels followed from upgrade()",
  splatDepth: "names or helpers followed",
  versionDepth: "directory levels below a versions directory",
  includeDepth: "levels of files run by psql's \\ir",
  includeRuns: "files run by psql's \\ir, read in all",
  envModules: "project modules read from env.py's imports for a naming convention",
  helperModules: "project modules read from the revisions' imports for their helpers",
  appModules: "project Python files looked through for a Flask app's SQLAlchemy()",
  appModuleDepth: "directory levels looked through for a Flask app's SQLAlchemy()",
  metadataDepth: "steps followed from env.py's target_metadata",
  aliasDepth: "module-level names followed from one name",
  syntaxErrors: "syntax errors listed per file",
};

/**
 * One budget that ran out, at a source index of the file: the expression
 * being evaluated, or the executor call (or helper call site) whose SQL could
 * not be read in full because of it.
 */
export interface LimitHit {
  limit: LimitName;
  index: number;
  where: "expression" | "call site" | "syntax error";
}

/** "limit NAME (VALUE SUBJECT) reached": the start of every finding about a budget. */
export function limitReached(limit: LimitName): string {
  return `limit ${limit} (${LIMITS[limit]} ${LIMIT_SUBJECTS[limit]}) reached`;
}

/** The finding's text: which limit, its value, and what it cost. */
export function limitMessage(hit: LimitHit): string {
  const reached = limitReached(hit.limit);
  if (hit.where === "syntax error") return `${reached}: this syntax error and any later ones are not listed`;
  return hit.where === "expression" ? `${reached} while evaluating this expression; it is not known statically` : `the SQL passed here was not read in full: ${reached}`;
}
