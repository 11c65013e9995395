import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../../src/project/analyze.js";
import { readSourceFiles, trackedTree } from "../../src/project/sources.js";
import { randomAlembicProject } from "../helpers/alembic-projects.js";
import { ALEMBIC, POSTGRES, PYTHON, requireComponent } from "../helpers/component.js";
import { indexesIn, leftBehind } from "../helpers/answer-key.js";
import { startPostgresServer, type PostgresServer } from "../helpers/postgres-server.js";

/**
 * Generated Alembic projects (branches, merges, Column flags, keys PostgreSQL
 * merges, renames, batch operations, raw SQL): Alembic writes each one's SQL
 * (`alembic upgrade head --sql`), a real PostgreSQL runs it, and the indexes
 * it keeps are exactly those the inventory calls effective.
 */
const skip = requireComponent(ALEMBIC) || requireComponent(POSTGRES);
const toolkit = createToolkit();
let server: PostgresServer;

before(async () => {
  if (!skip) server = await startPostgresServer("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before() may fail before it assigns the server
after(() => server?.stop());



test("40 generated Alembic projects: PostgreSQL keeps exactly the indexes the inventory calls effective", { skip }, async () => {
  for (let seed = 1; seed <= 40; seed++) {
    const files = randomAlembicProject(seed);
    const dir = mkdtempSync(join(tmpdir(), "index-audit-generated-"));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const r = spawnSync(PYTHON, ["-m", "alembic", "upgrade", "head", "--sql"], { cwd: dir, encoding: "utf8" });
      assert.equal(r.status, 0, `seed ${seed}: ${r.stderr}`);
      const database = `generated_${seed}`;
      server.psql(`CREATE DATABASE ${database}`);
      server.psql(r.stdout, database);
      const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
      const inv = await analyzeProject({ migrations: [], registry: null, sources: [input] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
      assert.deepEqual(inv.dynamic, [], `seed ${seed}`);
      assert.deepEqual(leftBehind(inv), await indexesIn(server, database), `seed ${seed}:\n${Object.entries(files).map(([p, t]) => `=== ${p}\n${t}`).join("")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
