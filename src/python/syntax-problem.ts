/** Where Python would refuse a file (tree-sitter's recovery, or an indentation error it accepts). */
export interface SyntaxProblem {
  index: number;
  message: string;
  /** The text tree-sitter could not parse around it ([start, end) indices), when it is an ERROR region. */
  region?: readonly [number, number];
}
