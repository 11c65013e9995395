import { test } from "node:test";
import assert from "node:assert/strict";
import { createSqlParser, isParseError } from "../src/sql/parser.js";
import { lexPlainSql, type Lexeme } from "../src/sql/lexer.js";

const parser = await createSqlParser();

/** PostgreSQL's own tokens for `text` (without keyword categories), or its error message. */
function scanned(text: string): Lexeme[] | string {
  const tokens = parser.scan(text);
  return isParseError(tokens) ? tokens.error : tokens.map(({ start, end, text: t, comment }) => ({ start, end, text: t, comment }));
}

test("plain SQL is lexed into PostgreSQL's tokens, comments and all", () => {
  const sql = "CREATE UNIQUE INDEX \"Idx\"\"A\" ON public.t (a, lower(b)) -- why\r\nWHERE c::text <> 'x''y' AND d >= 1.5;";
  const tokens = lexPlainSql(sql);
  assert.deepEqual(
    tokens?.map((t) => [t.start, t.text, t.comment]),
    [
      [0, "CREATE", false],
      [7, "UNIQUE", false],
      [14, "INDEX", false],
      [20, '"Idx""A"', false],
      [29, "ON", false],
      [32, "public", false],
      [38, ".", false],
      [39, "t", false],
      [41, "(", false],
      [42, "a", false],
      [43, ",", false],
      [45, "lower", false],
      [50, "(", false],
      [51, "b", false],
      [52, ")", false],
      [53, ")", false],
      [55, "-- why", true],
      [63, "WHERE", false],
      [69, "c", false],
      [70, "::", false],
      [72, "text", false],
      [77, "<>", false],
      [80, "'x''y'", false],
      [87, "AND", false],
      [91, "d", false],
      [93, ">=", false],
      [96, "1.5", false],
      [99, ";", false],
    ],
  );
  assert.deepEqual(tokens, scanned(sql));
});

test("what the lexer cannot be sure of is left to PostgreSQL's scanner", () => {
  for (const sql of [
    "SELECT * FROM t WHERE a = ?", // a bind parameter
    "SELECT * FROM t WHERE a = %s",
    "SELECT * FROM t WHERE a = :a",
    "SELECT $1",
    "SELECT $$x$$",
    "SELECT E'a\\nb'", // a prefixed string is one token
    "SELECT 'a'\n'b'", // two strings across a line break are one
    "SELECT 'a' -- c\n'b'",
    "SELECT /* c */ 1",
    "SELECT 1e5",
    "SELECT 1_000",
    "SELECT 0x1f",
    "SELECT 12abc",
    "SELECT .5",
    "SELECT 'é'", // not ASCII: byte offsets are not string indices
    "SELECT 'a\fb'", // the scanner's JSON fails on this control character
    "SELECT \"\"",
    "SELECT 'unterminated",
    "SELECT a @> b",
    "SELECT a => b",
    // Every prefixed string or name is one token to the scanner.
    'SELECT U&"d\\0061t"',
    "SELECT U&'x'",
    "SELECT B'101'",
    "SELECT X'1F'",
    "SELECT N'x'",
    "SELECT e'x'",
    'SELECT a"b"',
    "SELECT café", // a non-ASCII identifier
    'SELECT "café"',
    "SELECT 1.",
    "SELECT a..b",
    "SELECT 0x1F",
    "SELECT 1$",
    "SELECT 'it''s", // unterminated after a doubled quote
    "SELECT 'a'--c\n'b'", // a comment and a line break between strings: still one string
    "SELECT 'a'\t'b'",
    "SELECT a<-b", // operator runs the scanner cuts its own way
    "SELECT a*-1",
    "SELECT a=-1",
  ]) {
    assert.equal(lexPlainSql(sql), null, sql);
  }
});

test("identifiers with `$`, doubled quotes and a comment at the very end are PostgreSQL's tokens", () => {
  const cases: [string, string[]][] = [
    ["SELECT a$b, _x$1 FROM t -- end", ["SELECT", "a$b", ",", "_x$1", "FROM", "t", "-- end"]],
    ["SELECT 1 --", ["SELECT", "1", "--"]],
    [`SELECT 'a''b''', "a""b"`, ["SELECT", "'a''b'''", ",", '"a""b"']],
    ["select a::int[] <> b", ["select", "a", "::", "int", "[", "]", "<>", "b"]],
  ];
  for (const [sql, texts] of cases) {
    const tokens = lexPlainSql(sql);
    assert.deepEqual(tokens?.map((t) => t.text), texts, sql);
    assert.deepEqual(tokens, scanned(sql), sql);
  }
});

test("wherever the lexer answers, PostgreSQL's scanner gives the same tokens", () => {
  const pieces = [
    "CREATE", "INDEX", "idx_a", "ON", "t", "WHERE", "x", "a$b", "_x", "DESC", "E", "U",
    " ", "\t", "\n", "\r", "\r\n", "\f", "\v", "\u00e9", "\x7f", "\x01",
    "(", ")", ",", ";", ".", "[", "]", "..", "::", ":", ":::", ":=", "a::b",
    "=", "<>", "<=", ">=", "!=", "!", "-", "+", "*", "/", "<", ">", "=-", "<<", "=>", "?", "%s", "&", "@", "#", "~", "^", "|", "`", "{", "}", "\\",
    "1", "1.5", "1.", ".5", "1e5", "0x1f", "1_0", "1.5.2", "-1", "9999999999999999999999",
    "'x'", "'a''b'", "''", "'", "'\n'", "'\t'", "x'", "1'a'", "'a'b", "'a' 'b'", "'a'\n'b'", "'a'\n--c\n'b'",
    '"Q"', '"a""b"', '""', '"', 'a"b"',
    "--c\n", "--", "-- ", "--x\r\n", "/*", "*/", "$", "$1", "$$",
  ];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let answered = 0;
  for (let i = 0; i < 60000; i++) {
    let sql = "";
    for (let k = 1 + next(10); k > 0; k--) sql += pieces[next(pieces.length)] ?? "";
    const tokens = lexPlainSql(sql);
    if (!tokens) continue;
    answered++;
    assert.deepEqual(tokens, scanned(sql), JSON.stringify(sql));
  }
  // The comparison covers a good share of the strings, not only the few the lexer takes.
  assert.ok(answered > 10000, `only ${answered} strings lexed`);
});
