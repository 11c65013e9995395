/** What the inventory is built from: files already read and parsed, one value each. */
import type { SqlSource } from "../python/extract.js";
import type { LimitHit } from "../python/limits.js";
import type { SyntaxNode } from "../python/syntax-node.js";
import type { SyntaxProblem } from "../python/parser.js";
import type { DirectiveSites } from "../python/directives.js";
import type { AnchorModule } from "../python/context.js";
import type { RegistryRead } from "../registry/read.js";
import type { SourceText } from "../source/text.js";
import type { SourceFileRead } from "../sources/types.js";

export interface ParsedFile {
  source: SourceText;
  /**
   * Its tree, for anchors and for edits (`fix --move`) without parsing again. Not the rest of the module's analysis
   * (its calls, scopes and bindings): that is done with once its strings are read, and is not held through the inventory.
   */
  root: SyntaxNode;
  /** Its strings and parents cache (not the rest of the analysis), so an index's anchor is found from the string holding it. */
  anchors: AnchorModule;
  syntax: SyntaxProblem[];
  invalidUtf8At: number | null;
  /** Where its `index-audit:` directives may stand (comments; `--` also inside strings). */
  sites: DirectiveSites;
  /** Budgets that ran out in this file (static evaluation, syntax errors listed). */
  limits: readonly LimitHit[];
}

/** A file statements are located in: a parsed Python file, or a framework source's file. */
export type AnyFile = ParsedFile | SourceFileRead;

export interface MigrationFile extends ParsedFile {
  sql: SqlSource[];
}

export interface RegistryFile extends ParsedFile {
  read: RegistryRead;
}

/** A registry kept as a `.sql` file. */
export interface SqlRegistryFile extends SourceFileRead {
  read: RegistryRead;
}
