import Parser from "tree-sitter";
import Python from "tree-sitter-python";
import type { SyntaxNode, Tree } from "tree-sitter";

export type PythonParser = Parser;

/** One parser per run; tree-sitter parsers keep internal state between parses. */
export function createPythonParser(): PythonParser {
  const parser = new Parser();
  parser.setLanguage(Python as unknown as Parser.Language);
  return parser;
}

export interface SyntaxProblem {
  index: number;
  message: string;
}

export function parsePython(parser: PythonParser, text: string): Tree {
  return parser.parse(text);
}

/** Where tree-sitter had to recover: the first few ERROR and MISSING nodes. */
export function syntaxProblems(root: SyntaxNode, max = 5): SyntaxProblem[] {
  if (!root.hasError) return [];
  const out: SyntaxProblem[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.isMissing) {
      out.push({ index: node.startIndex, message: `missing ${JSON.stringify(node.type)}` });
      continue;
    }
    if (node.type === "ERROR") {
      const token = node.text.trim().split(/\s+/, 1)[0] ?? "";
      out.push({ index: node.startIndex, message: token ? `invalid syntax near ${JSON.stringify(token.slice(0, 30))}` : "invalid syntax" });
      continue;
    }
    if (!node.hasError) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.sort((a, b) => a.index - b.index);
}
