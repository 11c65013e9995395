import { createRequire } from "node:module";
import type TreeSitter from "tree-sitter";
import type { SyntaxNode, Tree } from "tree-sitter";
import { indentationProblems } from "./indentation.js";
import { LIMITS } from "./limits.js";
import type { SyntaxProblem } from "./syntax-problem.js";

export type { SyntaxProblem } from "./syntax-problem.js";

// Both packages are CommonJS: `require` loads them without the ES-module loader's export scan of
// their sources (about 10 ms of a cold start). Loaded when this module is.
const require = createRequire(import.meta.url);
const Parser = require("tree-sitter") as typeof TreeSitter;
const Python = require("tree-sitter-python") as TreeSitter.Language;

export type PythonParser = TreeSitter;

/** One parser per run; tree-sitter parsers keep internal state between parses. */
export function createPythonParser(): PythonParser {
  const parser = new Parser();
  parser.setLanguage(Python);
  return parser;
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
  const out = root.hasError ? recoveryProblems(root, text, max) : indentationProblems(root, text, max);
  // An index between the CR and the LF of a line end would be a column past the line's end.
  for (const p of out) if (p.index > 0 && text.charCodeAt(p.index) === 10 && text.charCodeAt(p.index - 1) === 13) p.index--;
  return out.sort((a, b) => a.index - b.index);
}

/** A compound statement's header: the keyword, then anything, on one line. */
const HEADER = /^[ \t]*(?:async[ \t]+)?(?:def|class|if|elif|else|for|while|with|try|except|finally)\b/;

/**
 * Where Python would say "expected ':'": the header line of a compound
 * statement (`def f(conn)`, `for t in names`) on which the ERROR starts, or
 * of the statement it sits in, that does not end with a colon — the end of
 * that line. Only a one-line header with balanced brackets and closed strings
 * counts (a comment after it is skipped); anything else keeps the generic message.
 */
function missingColon(error: SyntaxNode, text: string): number | null {
  for (const start of [error.parent?.startIndex, error.startIndex]) {
    if (start === undefined) continue;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const newline = text.indexOf("\n", lineStart);
    const line = text.slice(lineStart, newline < 0 ? text.length : newline).replace(/\r$/, "");
    if (!HEADER.test(line)) continue;
    const code = codeOf(line);
    if (code === null || code.endsWith(":")) continue;
    return lineStart + code.length;
  }
  return null;
}

/**
 * The line without its comment and trailing blanks, when its brackets balance
 * and its strings close on it (one-line strings, no triple quotes); else null.
 */
function codeOf(line: string): string | null {
  let depth = 0;
  let quote: string | null = null;
  let end = line.length;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== null) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "#") {
      end = i;
      break;
    }
    if (ch === "'" || ch === '"') {
      if (line.startsWith(ch.repeat(3), i)) return null;
      quote = ch;
    } else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (--depth < 0) return null;
    }
  }
  return quote === null && depth === 0 ? line.slice(0, end).trimEnd() : null;
}

function recoveryProblems(root: SyntaxNode, text: string, max: number): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.isMissing) {
      // Python's own wording: "expected ':'".
      out.push({ index: node.startIndex, message: `expected '${node.type}'` });
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
      const region = [node.startIndex, node.endIndex] as const;
      const colon = missingColon(node, text);
      out.push(colon !== null ? { index: colon, message: "expected ':'", region } : { index: node.startIndex + lead, message: token ? `invalid syntax near ${JSON.stringify(token.slice(0, 30))}` : "invalid syntax", region });
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
