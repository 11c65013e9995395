import type { SyntaxNode } from "tree-sitter";
import { LIMITS } from "../python/limits.js";

/**
 * The value of a plain string literal (`"ix_t_a"`: no prefix, escape, line
 * break or triple quote), read between its quotes as the evaluator reads it;
 * null for anything else, which the evaluator reads. Most arguments of a
 * migration's operations are such literals, and the evaluator's general path
 * asks tree-sitter for much more (each node and offset asked for is a call
 * into it).
 */
export function plainLiteral(node: SyntaxNode): string | null {
  if (node.type !== "string") return null;
  const text = node.text;
  const q = text[0];
  if ((q !== '"' && q !== "'") || text.length < 2 || !text.endsWith(q) || (text.length > 2 && text[1] === q)) return null;
  const body = text.slice(1, -1);
  // A string past the evaluator's length budget goes its way, so that the limit is still reported.
  return body.length > LIMITS.stringLength || /[\\\n\r]/.test(body) || body.includes(q) ? null : body;
}

/** `name=value` → `name`, read from the argument's text when it is plain; else asked of the tree. */
export function keywordName(argument: SyntaxNode): string | undefined {
  const text = argument.text;
  const eq = text.indexOf("=");
  const name = eq > 0 ? text.slice(0, eq) : "";
  return /^[A-Za-z_]\w*$/.test(name) ? name : argument.childForFieldName("name")?.text;
}
