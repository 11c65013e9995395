import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/index.js";
import { openStatementCache } from "../src/cache/statements.js";
import { SqlParserNeeded } from "../src/sql/statement-cache.js";
import { createSqlParser } from "../src/sql/parser.js";
import { readStatements } from "../src/sql/statements.js";
import { fakeIo } from "./helpers/io.js";
import { EXAMPLE } from "./helpers/paths.js";

const temps: string[] = [];
function copy(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-statements-"));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

async function check(cwd: string, args: string[]) {
  const io = fakeIo(cwd, {});
  const code = await run(["check", "-f", "json", ...args], io);
  return { code, out: io.out, err: io.err };
}

/** --timing's stage names on stderr, the timing lines themselves removed from the output compared. */
async function timed(cwd: string, args: string[]) {
  const r = await check(cwd, [...args, "--timing"]);
  const stages = [...r.err.matchAll(/^index-audit timing: (.+?)\s+[\d.]+ ms$/gm)].map((m) => m[1]!);
  return { code: r.code, out: r.out, err: r.err.replace(/^index-audit timing: .*\n/gm, ""), stages };
}

const STATEMENTS = ".index-audit-cache/statements.json";
const MIGRATION = "server/db_migrate.py";

/** Edits a checked-in run after which the whole-result cache misses. */
const EDITS: [string, (text: string) => string][] = [
  ["a comment line", (t) => t.replace("# The very first index we ever added.", "# The first index we ever added.")],
  ["one index's SQL", (t) => t.replace('"CREATE INDEX IF NOT EXISTS idx_businesses_status ON businesses (status) WHERE deleted_at IS NULL"', '"CREATE INDEX IF NOT EXISTS idx_businesses_status ON businesses (status, id) WHERE deleted_at IS NULL"')],
  ["a new migration", (t) => `${t}\n\ndef migrate_late(conn):\n    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_late ON leads (late)"))\n`],
  ["a line removed", (t) => t.replace('    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_businesses_status ON businesses (status) WHERE deleted_at IS NULL"))\n', "")],
  ["broken SQL", (t) => t.replace('"CREATE INDEX IF NOT EXISTS IDX_USERS_PHONE ON Users (phone)"', '"CREATE INDEX IF NOT EXISTS IDX_USERS_PHONE ON Users (phone"')],
];

describe("check --cache: statements of unchanged SQL strings", () => {
  it("after each edit, a cached run prints byte for byte what a run without any cache prints", async () => {
    for (const [what, edit] of EDITS) {
      const dir = copy(EXAMPLE);
      await check(dir, ["--cache"]);
      assert.ok(existsSync(join(dir, STATEMENTS)), "the statements are kept");
      writeFileSync(join(dir, MIGRATION), edit(readFileSync(join(dir, MIGRATION), "utf8")));
      const warm = await check(dir, ["--cache"]);
      const cold = await check(dir, []);
      assert.notEqual(warm.out, "", what);
      assert.deepEqual(warm, cold, what);
      // And again, now from the statements this run kept.
      writeFileSync(join(dir, MIGRATION), `${readFileSync(join(dir, MIGRATION), "utf8")}\n# edited again\n`);
      assert.deepEqual(await check(dir, ["--cache"]), await check(dir, []), `${what}, twice`);
    }
  });

  it("the same on the Alembic and SQL examples, and the Django one", async () => {
    for (const fixture of ["alembic-example", "sql-example", "django-example"]) {
      const dir = copy(join(EXAMPLE, "..", fixture));
      const cold = await check(dir, []);
      await check(dir, ["--cache"]);
      rmSync(join(dir, ".index-audit-cache/check-result.json"));
      // Another command line: the stored output misses, the result cache is gone; only the statements are left.
      const warm = await check(dir, ["--cache", "--max-warnings", "100000"]);
      const plain = await check(dir, ["--max-warnings", "100000"]);
      assert.deepEqual(warm, plain, fixture);
      assert.equal(plain.out, cold.out, fixture);
    }
  });

  it("a run whose every SQL string was read before never loads the SQL parser; a new string loads it", async () => {
    const dir = copy(EXAMPLE);
    const first = await timed(dir, ["--cache"]);
    assert.ok(first.stages.includes("SQL parser load"), first.stages.join(", "));
    const path = join(dir, MIGRATION);
    writeFileSync(path, EDITS[0]![1](readFileSync(path, "utf8")));
    const comment = await timed(dir, ["--cache"]);
    assert.ok(!comment.stages.includes("SQL parser load"), comment.stages.join(", "));
    writeFileSync(path, EDITS[1]![1](readFileSync(path, "utf8")));
    const sql = await timed(dir, ["--cache"]);
    assert.ok(sql.stages.includes("SQL parser load"), sql.stages.join(", "));
    assert.deepEqual({ code: sql.code, out: sql.out }, { code: (await check(dir, [])).code, out: (await check(dir, [])).out });
  });

  it("stored statements are what the run uses (a poisoned entry shows), for their exact text only", async () => {
    const dir = copy(EXAMPLE);
    await check(dir, ["--cache"]);
    const stored = JSON.parse(readFileSync(join(dir, STATEMENTS), "utf8")) as { version: string; entries: [string, string][] };
    const text = "CREATE INDEX IF NOT EXISTS idx_businesses_status ON businesses (status) WHERE deleted_at IS NULL";
    const entry = stored.entries.find(([t]) => t === text);
    assert.ok(entry, "the string's statements are stored under its text");
    entry[1] = entry[1].replaceAll("idx_businesses_status", "idx_poisoned_status");
    writeFileSync(join(dir, STATEMENTS), JSON.stringify(stored));
    writeFileSync(join(dir, MIGRATION), EDITS[0]![1](readFileSync(join(dir, MIGRATION), "utf8")));
    const poisoned = await check(dir, ["--cache"]);
    const computed = await check(dir, []);
    assert.match(poisoned.out, /idx_poisoned_status/);
    assert.doesNotMatch(computed.out, /idx_poisoned_status/);
    // The poisoned name replaces the real one everywhere it shows (twice in the JSON), and nothing else changes.
    assert.equal(poisoned.out.split("idx_poisoned_status").length - 1, 2);
    assert.deepEqual({ code: poisoned.code, out: poisoned.out }, { code: computed.code, out: computed.out.replaceAll("idx_businesses_status", "idx_poisoned_status") });
    // Another tool version reads none of them.
    assert.deepEqual(openStatementCache(join(dir, ".index-audit-cache"), "0.0.0-other").counts(), { hits: 0, misses: 0 });
  });

  it("a cached parser answers from its entries, asks the real parser for the rest, and without one says it is needed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-statements-unit-"));
    temps.push(dir);
    const real = await createSqlParser();
    const sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON a (x); DROP INDEX idx_b";
    const expected = readStatements(real, sql);
    const first = openStatementCache(dir, "1.0.0");
    assert.deepEqual(readStatements(first.parser(real), sql), expected);
    assert.deepEqual(first.counts(), { hits: 0, misses: 1 });
    first.save();
    const second = openStatementCache(dir, "1.0.0");
    const cachedOnly = second.parser(null);
    assert.deepEqual(readStatements(cachedOnly, sql), expected);
    assert.throws(() => readStatements(cachedOnly, "CREATE INDEX idx_c ON c (y)"), SqlParserNeeded);
    assert.deepEqual(second.counts(), { hits: 1, misses: 0 });
    // Every hit is its own copy: changing one changes nothing stored.
    const copyA = readStatements(cachedOnly, sql);
    copyA.statements.length = 0;
    assert.deepEqual(readStatements(cachedOnly, sql), expected);
    // A corrupt file is an empty cache.
    writeFileSync(join(dir, "statements.json"), "{not json");
    assert.throws(() => readStatements(openStatementCache(dir, "1.0.0").parser(null), sql), SqlParserNeeded);
  });
});
