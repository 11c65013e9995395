import Parser from "tree-sitter";
import Python from "tree-sitter-python";
import type { SyntaxNode, Tree } from "tree-sitter";
import { indentationProblems } from "./indentation.js";
import { LIMITS } from "./limits.js";

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

/**
 * Where Python would refuse the file: the first few ERROR and MISSING nodes
 * tree-sitter recovered at, and indentation errors it accepts silently.
 */
export function syntaxProblems(root: SyntaxNode, text: string, max: number = LIMITS.syntaxErrors): SyntaxProblem[] {
  // Where tree-sitter had to recover, indentation is no longer a reliable signal.
  const out = root.hasError ? recoveryProblems(root, max) : indentationProblems(root, text, max);
  // An index between the CR and the LF of a line end would be a column past the line's end.
  for (const p of out) if (p.index > 0 && text.charCodeAt(p.index) === 10 && text.charCodeAt(p.index - 1) === 13) p.index--;
  return out.sort((a, b) => a.index - b.index);
}



function recoveryProblems(root: SyntaxNode, max: number): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.isMissing) {
      out.push({ index: node.startIndex, message: `missing ${JSON.stringify(node.type)}` });
      continue;
    }
    if (node.type === "ERROR") {
      // An ERROR that wraps the file from its start (an unclosed bracket) holds the real spot deeper down.
      const inner = node.startIndex === 0 ? firstInnerProblem(node) : null;
      if (inner) {
        stack.push(inner);
        continue;
      }
      const token = node.text.trim().split(/\s+/, 1)[0] ?? "";
      // Skip the ERROR's leading whitespace, unless it is nothing but whitespace.
      const lead = token ? node.text.length - node.text.trimStart().length : 0;
      out.push({ index: node.startIndex + lead, message: token ? `invalid syntax near ${JSON.stringify(token.slice(0, 30))}` : "invalid syntax" });
      continue;
    }
    if (!node.hasError) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

function firstInnerProblem(node: SyntaxNode): SyntaxNode | null {
  for (const child of node.children) {
    if (child.isMissing || child.type === "ERROR") return child;
    if (child.hasError) {
      const inner = firstInnerProblem(child);
      if (inner) return inner;
    }
  }
  return null;
}
