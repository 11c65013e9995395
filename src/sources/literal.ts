import type { SyntaxNode } from "../python/syntax-node.js";
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
  return node.type === "string" ? plainLiteralText(node.text) : null;
}

/** `plainLiteral` of a string node's text (or of an expression's text: one that is not a plain literal gives null). */
export function plainLiteralText(text: string): string | null {
  const q = text[0];
  if ((q !== '"' && q !== "'") || text.length < 2 || !text.endsWith(q) || (text.length > 2 && text[1] === q)) return null;
  const body = text.slice(1, -1);
  // A string past the evaluator's length budget goes its way, so that the limit is still reported.
  return body.length > LIMITS.stringLength || /[\\\n\r]/.test(body) || body.includes(q) ? null : body;
}

/** A plain keyword name, then `=` (not `==`), at an argument's first character. */
const NAME_AT = /[A-Za-z_]\w*(?=\s*=(?!=))/y;

/** `name=value` → `name`, read from `source` (the file's text) at the argument's start; asked of the tree when it is not plain. */
export function keywordNameAt(argument: SyntaxNode, source: string, at = argument.startIndex): string | undefined {
  NAME_AT.lastIndex = at;
  return NAME_AT.exec(source)?.[0] ?? argument.childForFieldName("name")?.text;
}

/** `name=value` → `name`, read from the argument's own text (for a caller without the file's). */
export function keywordName(argument: SyntaxNode): string | undefined {
  return keywordNameAt(argument, argument.text, 0);
}
