import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

// `list`'s table: the access method and the reason in their own columns, the
// terminal's width (--wide for everything), counts with the right plurals.

const MIGRATE = `from sqlalchemy import text


def migrate(conn):
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_business_email ON leads (business_id, email)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_name_trgm ON leads USING gin (name gin_trgm_ops)"))
    conn.execute(text("ALTER TABLE leads ADD CONSTRAINT leads_pkey PRIMARY KEY (id)"))
`;

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-list-"));
  temps.push(dir);
  for (const [path, text] of Object.entries({ "server/db_migrate.py": MIGRATE, "server/db_indexes.py": "INDEX_DEFS = []\n" })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function list(cwd: string, args: string[], columns?: number): Promise<string> {
  const io = fakeIo(cwd);
  if (columns) io.stdoutColumns = columns;
  const code = await run(["list", ...args], io);
  assert.equal(code, 0, io.err);
  return io.out;
}

describe("list --format table", () => {
  it("has METHOD and REASON columns, and counts in the singular where there is one", async () => {
    const out = await list(project(), []);
    assert.equal(
      out,
      [
        "LOCATION                   NAME                     TABLE  METHOD  COLUMNS             REASON                                                      CLASS        ORIGIN     NOTE",
        "server/db_migrate.py:5:24  uq_leads_business_email  leads  btree   business_id, email  UNIQUE index: enforces a rule on the data                   functional   migration",
        "server/db_migrate.py:6:24  idx_leads_name_trgm      leads  gin     name gin_trgm_ops   not UNIQUE and backs no constraint: only speeds up queries  performance  migration",
        "",
        "2 indexes (1 functional, 1 performance; 2 in migrations, 0 in the registry), 1 constraint, 0 dynamic, 0 errors reading the sources",
        "Policy findings: index-audit check",
        "",
      ].join("\n"),
    );
  });

  it("fits a narrow terminal by cutting the text columns (with …), and --wide prints every cell in full", async () => {
    const dir = project();
    const narrow = await list(dir, [], 120);
    const lines = narrow.split("\n");
    assert.deepEqual(lines.slice(0, 3), [
      "LOCATION                   NAME                  TABLE  METHOD  COLUMNS       REASON        CLASS        ORIGIN     NOTE",
      "server/db_migrate.py:5:24  uq_leads_business_e…  leads  btree   business_id…  UNIQUE inde…  functional   migration",
      "server/db_migrate.py:6:24  idx_leads_name_trgm   leads  gin     name gin_tr…  not UNIQUE …  performance  migration",
    ]);
    for (const line of lines.slice(0, 3)) assert.ok(line.length <= 120, line);
    const wide = await list(dir, ["--wide"], 100);
    assert.equal(wide, await list(dir, []), "--wide: as on a pipe, where nothing this short is cut");
    assert.match(wide, /not UNIQUE and backs no constraint: only speeds up queries/);
  });
});
