import type { SyntaxNode } from "./syntax-node.js";
import type { ParentOf } from "./parents.js";

/** Where a node stands: its statement, the functions and classes around it, whether it is in an `except`. */
export interface Site {
  /** The statement (a child of a block or of the module) that holds the node. */
  statement: SyntaxNode;
  /** Enclosing function and class names, outermost first, joined by dots; null at module level. */
  function: string | null;
  /** Inside an `except` clause of its own function (or module). */
  inErrorHandler: boolean;
}

export type SiteReader = (node: SyntaxNode) => Site;

interface BlockFacts {
  names: readonly string[];
  /** true / false once decided by an `except` or a definition below the module; null: undecided up to the root. */
  errorHandler: boolean | null;
}

const isBlock = (type: string): boolean => type === "block" || type === "module";

/**
 * Reads each fact by walking up only to the first enclosing block; what lies
 * above a block is the same for every statement in it, so it is computed once
 * per block (keyed by the node object: no call into tree-sitter), not once per string: a 10,000-line module with 2,000
 * strings otherwise re-walks the same parent chains 2,000 times.
 */
export function createSiteReader(parentOf: ParentOf, definitionNames?: ReadonlyMap<SyntaxNode, string | null>): SiteReader {
  const blocks = new Map<SyntaxNode, BlockFacts>();

  /** Facts of the nodes strictly above `node` up to its first block (inclusive), that block, and the statement in it. */
  const local = (node: SyntaxNode): { names: string[]; errorHandler: boolean | null; block: SyntaxNode | null; statement: SyntaxNode } => {
    const names: string[] = [];
    let errorHandler: boolean | null = null;
    let statement = node;
    for (let p = parentOf(node); p; statement = p, p = parentOf(p)) {
      const t = p.type;
      if (t === "function_definition" || t === "class_definition") {
        // A definition analyzeModule read has its name already.
        const n = definitionNames?.has(p) ? definitionNames.get(p) : p.childForFieldName("name")?.text;
        if (n) names.unshift(n);
        errorHandler ??= false;
      } else if (t === "except_clause" || t === "except_group_clause") errorHandler ??= true;
      if (isBlock(t)) return { names, errorHandler, block: p, statement };
    }
    return { names, errorHandler, block: null, statement };
  };

  /** Facts of a block from the blocks above it; a loop, not recursion, since blocks can nest thousands deep. */
  const factsOf = (block: SyntaxNode): BlockFacts => {
    const pending: { block: SyntaxNode; names: string[]; errorHandler: boolean | null }[] = [];
    let above: BlockFacts = { names: [], errorHandler: null };
    for (let b: SyntaxNode | null = block; b; ) {
      const cached = blocks.get(b);
      if (cached) {
        above = cached;
        break;
      }
      const step = local(b);
      pending.push({ block: b, names: step.names, errorHandler: step.errorHandler });
      b = step.block;
    }
    for (let k = pending.length - 1; k >= 0; k--) {
      const p = pending[k]!;
      above = { names: above.names.length ? [...above.names, ...p.names] : p.names, errorHandler: p.errorHandler ?? above.errorHandler };
      blocks.set(p.block, above);
    }
    return above;
  };

  return (node) => {
    const step = local(node);
    const above = step.block ? factsOf(step.block) : null;
    const names = above?.names.length ? [...above.names, ...step.names] : step.names;
    return { statement: step.statement, function: names.length ? names.join(".") : null, inErrorHandler: step.errorHandler ?? above?.errorHandler ?? false };
  };
}
