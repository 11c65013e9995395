import { createRequire } from "node:module";
import type TreeSitter from "tree-sitter";
import { loadGrammar } from "./native.js";
import { Tree, type SyntaxNode } from "./syntax-node.js";
import { indentationProblems } from "./indentation.js";
import { scanLayout, type CommentRun, type Layout } from "./indentation-scan.js";
import { LIMITS } from "./limits.js";
import type { SyntaxProblem } from "./syntax-problem.js";

export type { SyntaxProblem } from "./syntax-problem.js";

// tree-sitter is CommonJS: `require` loads it without the ES-module loader's export scan of its
// sources (about 10 ms of a cold start); the grammar is its native module alone (native.ts).
// Loaded when this module is.
const require = createRequire(import.meta.url);
const Parser = require("tree-sitter") as typeof TreeSitter;
const Python = loadGrammar("tree-sitter-python");

export type PythonParser = TreeSitter;

/** One parser per run; tree-sitter parsers keep internal state between parses. */
export function createPythonParser(): PythonParser {
  const parser = new Parser();
  parser.setLanguage(Python);
  return parser;
}

export function parsePython(parser: PythonParser, text: string): Tree {
  return new Tree(parser.parse(text), text, Python);
}

/** A tree, the comment lines left out of it (each a run of whole lines), and the text's layout scan (null: not clean). */
export interface LeanParse {
  tree: Tree;
  commentRuns: readonly CommentRun[];
  layout: Layout | null;
}

/**
 * The tree without the comment runs `scanLayout` finds safe to leave out,
 * which spares tree-sitter its quadratic walk over them; every other node is
 * as a full parse gives it (test/lean-parse.test.ts). A run that turns out to
 * lie anywhere but between statements (the scan misread a string), or a tree
 * with an error, sends the file to a full parse.
 */
export function parsePythonLean(parser: PythonParser, text: string): LeanParse {
  const layout = scanLayout(text);
  const runs = layout?.commentRuns ?? [];
  if (runs.length === 0) return { tree: parsePython(parser, text), commentRuns: [], layout };
  const tree = new Tree(parser.parse(text, undefined, { includedRanges: includedRanges(text, runs) }), text, Python);
  const root = tree.rootNode;
  if (!root.hasError && runs.every((r) => BETWEEN_STATEMENTS.has(root.descendantForIndex(r.start, r.end - 1).type))) return { tree, commentRuns: runs, layout };
  return { tree: parsePython(parser, text), commentRuns: [], layout };
}

/** The smallest node over a run that lies between statements. */
const BETWEEN_STATEMENTS = new Set(["module", "block", "decorated_definition"]);

/** The text around the runs. Each run starts and ends at a line start, so every position is at column 0 but the text's end. */
function includedRanges(text: string, runs: readonly CommentRun[]): TreeSitter.Range[] {
  const out: TreeSitter.Range[] = [];
  let from = 0;
  let fromRow = 0;
  let row = 0;
  let at = 0;
  const rowOf = (index: number): number => {
    for (let k = text.indexOf("\n", at); k >= 0 && k < index; k = text.indexOf("\n", k + 1)) {
      row++;
      at = k + 1;
    }
    return row;
  };
  for (const r of runs) {
    const startRow = rowOf(r.start);
    if (r.start > from) out.push({ startIndex: from, endIndex: r.start, startPosition: { row: fromRow, column: 0 }, endPosition: { row: startRow, column: 0 } });
    from = r.end;
    fromRow = rowOf(r.end);
  }
  const lastRow = rowOf(text.length);
  out.push({ startIndex: from, endIndex: text.length, startPosition: { row: fromRow, column: 0 }, endPosition: { row: lastRow, column: text.length - at } });
  return out;
}

/**
 * Where Python would refuse the file: the first few ERROR and MISSING nodes
 * tree-sitter recovered at, and indentation errors it accepts silently.
 */
export function syntaxProblems(root: SyntaxNode, text: string, max: number = LIMITS.syntaxErrors, layout?: Layout | null): SyntaxProblem[] {
  // Where tree-sitter had to recover, indentation is no longer a reliable signal.
  const out = root.hasError ? recoveryProblems(root, text, max) : indentationProblems(root, text, max, layout === undefined ? undefined : layout !== null);
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
