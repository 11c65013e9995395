import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env, Evaluator } from "../../python/evaluate.js";
import type { LazyModuleInfo } from "../module.js";
import { lineIndexOf, type SourceText } from "../../source/text.js";
import type { RunCondition, SourceDynamic, SourceStatement } from "../types.js";
import { calleeText } from "../../python/expand.js";
import type { NamingConvention } from "./naming.js";
import { concatOffsets, offsetsAt } from "../../python/offsets.js";
import type { Value } from "../../python/values.js";
import type { Guard } from "../../python/guards.js";
import { ALEMBIC_METHODS, INDEX_METHODS } from "./op-methods.js";

/** What the walk of one revision's `upgrade()` needs. */
export interface RevisionContext {
  source: SourceText;
  info: LazyModuleInfo;
  evaluator: Evaluator;
  convention: NamingConvention;
  revision: string;
  /** What `op` is called in the revision (see `opNames`). */
  op: ReadonlySet<string>;
  /** `op`'s functions the revision imports by name, by the name they have there (see `opNames`). */
  opFunctions: ReadonlyMap<string, string>;
  /** A function the module read imports from another (see `importedFunctions`). */
  imported: (name: string) => ImportedFunction | string | null;
  /** `module.function` of a project module the module read imports (`from migrations import utils`); null otherwise. */
  importedFrom: (module: string, name: string) => ImportedFunction | string | null;
  /** The calls helpers were given (a Column passed to `add_columns(...)`), by the value they are bound to, with what reads them (elements.ts). */
  carried: WeakMap<Value, Carried>;
}

/** A call a helper was given (elements.ts), kept with what reads it: its module, its caller's variables, and when it runs only under a condition (appended in an `if`). */
export interface Carried {
  node: SyntaxNode;
  env: Env;
  module: FunctionModule;
  runsIf?: RunCondition | null;
  guards?: readonly Guard[];
}

/** The lists a function builds as it runs (local-lists.ts). */
export interface LocalLists {
  /** The function's own variables: the lists, as they stand where the walk is. */
  vars: Map<string, Value>;
  /** Under which condition each list was made: an item appended under another runs only under that one. */
  madeUnder: Map<string, RunCondition | null>;
}

/** What reading a function needs of the module that defines it (the revision's file stays where findings are reported). */
export type FunctionModule = Pick<RevisionContext, "info" | "evaluator" | "op" | "opFunctions" | "imported" | "importedFrom">;

/** A function a project module defines, imported by the module read. */
export interface ImportedFunction {
  def: SyntaxNode;
  module: FunctionModule;
}

/**
 * The names Alembic's `op` goes by in a module: `op`, and what its
 * module-level imports make of it (`from alembic import op as alembic_op`,
 * `import alembic` → `alembic.op`, `import alembic as a` → `a.op`); and the
 * functions of `op` imported by name (`from alembic.op import create_index`,
 * as older revisions do: `create_index(...)` is `op.create_index(...)`).
 */
export function opNames(root: SyntaxNode): Pick<RevisionContext, "op" | "opFunctions"> {
  // Asked for a module's evaluator and again for its revision context: read once per tree.
  let found = OP_NAMES.get(root);
  if (!found) {
    found = readOpNames(root);
    OP_NAMES.set(root, found);
  }
  return found;
}

const OP_NAMES = new WeakMap<SyntaxNode, Pick<RevisionContext, "op" | "opFunctions">>();

function readOpNames(root: SyntaxNode): Pick<RevisionContext, "op" | "opFunctions"> {
  const names = new Set(["op"]);
  const functions = new Map<string, string>();
  // Functions imported from alembic.op inside a function too (`def upgrade(): from alembic.op import create_index`):
  // looked for only in a module that names it.
  const byName = root.text.includes("alembic.op") ? root.descendantsOfType("import_from_statement").filter((s) => s.childForFieldName("module_name")?.text === "alembic.op") : [];
  for (const stmt of byName) {
    // `from alembic.op import *`: every method of op, as its module's globals.
    if (stmt.namedChildren.some((c) => c.type === "wildcard_import")) for (const m of [...INDEX_METHODS, ...ALEMBIC_METHODS]) functions.set(m, m);
    for (const name of stmt.childrenForFieldName("name")) {
      const method = name.type === "aliased_import" ? name.childForFieldName("name")?.text : name.text;
      const local = name.type === "aliased_import" ? name.childForFieldName("alias")?.text : name.text;
      if (method && local) functions.set(local, method);
    }
  }
  for (const stmt of root.namedChildren) {
    const from = stmt.type === "import_from_statement" ? stmt.childForFieldName("module_name")?.text : undefined;
    if (from === "alembic") {
      for (const name of stmt.childrenForFieldName("name")) {
        if (name.type === "aliased_import" && name.childForFieldName("name")?.text === "op") names.add(name.childForFieldName("alias")?.text ?? "op");
      }
    } else if (stmt.type === "import_statement") {
      for (const name of stmt.childrenForFieldName("name")) {
        const dotted = name.type === "aliased_import" ? name.childForFieldName("name")?.text : name.text;
        const alias = name.type === "aliased_import" ? name.childForFieldName("alias")?.text : null;
        if (dotted === "alembic") names.add(`${alias ?? "alembic"}.op`);
        else if (dotted === "alembic.op") names.add(alias ?? "alembic.op");
      }
    }
  }
  return { op: names, opFunctions: functions };
}

export interface RevisionOutput {
  statements: SourceStatement[];
  dynamic: SourceDynamic[];
  /**
   * An `op.execute("COMMIT")` ended the migration's transaction (the old way out
   * of it, before autocommit_block): what follows runs outside one until a BEGIN.
   */
  committed: boolean;
  /** Each inspector held in a name (existence.ts), in each call of the function that asks it: how many statements there were when it was first asked. */
  asked: Map<string, number>;
  /** Module functions the walk followed (for entry points such as the multidb template's upgrade_<engine>). */
  followed: Set<string>;
  /** What dynamic() has said (file, place, the call, reason): a loop's turns read the same call again. */
  said: Set<string>;
}

/** Where the walk stands: inside which blocks, with which loop variables. */
export interface State {
  env: Env;
  transaction: boolean;
  /** `with op.batch_alter_table("t") as batch_op:` aliases → their table. */
  batches: ReadonlyMap<string, { table: string; schema: string | null }>;
  /** The call in `upgrade()` a helper's operations are reported at. */
  site: SyntaxNode | null;
  /** The function the walk is in (`upgrade`, or a helper it calls). */
  fn: string;
  depth: number;
  /** Functions defined inside the function walked, by name (called later in its body). */
  locals: ReadonlyMap<string, SyntaxNode>;
  /** Parameters of the helper walked that were given `op` (`def _index(o, table): o.create_index(...)`). */
  ops: ReadonlySet<string>;
  /** What the database must hold for the block walked to run (existence.ts), when an `if` says. */
  runsIf: RunCondition | null;
  /** How many statements the revision had when the walk entered the function it is in (a helper's are all reported at its call). */
  entered: number;
  /** The lists the function walked builds as it runs (local-lists.ts). */
  lists: LocalLists | null;
  /** Inside a loop over what the reader cannot list: its body may run any number of times. */
  repeats: boolean;
  /** The `if`s the reader does not decide that the block walked runs under, innermost first: each statement's guard. */
  guards: readonly Guard[];
}

export function push(ctx: RevisionContext, out: RevisionOutput, sql: string, node: SyntaxNode, state: State, executor: string, nameGenerated: boolean, holes?: ReadonlyMap<string, string>, flags: Pick<SourceStatement, "primaryKeyOfTable" | "columnTypesUnknown"> = {}): void {
  const at = state.site ?? node;
  // Read once: each read of a node's offsets is a call into tree-sitter.
  const start = at.startIndex;
  const end = at.endIndex;
  // The last character maps to the call's end, so the statement spans the whole call.
  const offsets = concatOffsets([offsetsAt(start, sql.length - 1), offsetsAt(Math.max(start, end - 1), Math.min(1, sql.length))]);
  out.statements.push({
    file: ctx.source.path,
    sql,
    offsets,
    migration: ctx.revision,
    transaction: state.transaction && !out.committed,
    nameGenerated,
    ...flags,
    ...(holes && holes.size > 0 ? { holes, holeReason: "not known statically" } : {}),
    anchorLine: lineIndexOf(ctx.source, start) + 1,
    start,
    end,
    function: state.fn,
    executor,
    ...(state.runsIf ? { runsIf: state.runsIf } : {}),
    ...(state.guards.length > 0 ? { guards: state.guards } : {}),
  });
}

/**
 * What `call` does is not known statically; `part` (default: the whole call)
 * is where and what is shown. Said once for a place and a reason, however
 * many turns of a loop read it.
 */
export function dynamic(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, state: State, reason: string, part: SyntaxNode = call): true {
  const at = state.site ?? part;
  const index = at.startIndex;
  const text = part.text;
  // Inside a helper every call is said at the helper's call site: the call itself tells them apart.
  const key = `${ctx.source.path}\0${index}\0${part.startIndex}\0${text}\0${reason}`;
  if (out.said.has(key)) return true;
  out.said.add(key);
  out.dynamic.push({ file: ctx.source.path, index, template: text.replace(/\s+/g, " "), reason, executor: calleeText(call), function: state.fn });
  return true;
}
