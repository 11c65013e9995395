import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSqlParser, readStatements, run, type SqlParser } from "../src/index.js";
import { assignDomain, domainTitle } from "../src/report/domains.js";
import { DIFF_EDIT_BUDGET, lineDiff } from "../src/report/diff.js";
import { code, esc } from "../src/report/markdown.js";
import { derivePurpose, purposeOf } from "../src/model/purpose.js";
import type { IndexDef } from "../src/model/types.js";
import { assertGolden } from "./helpers/golden.js";
import { fakeIo } from "./helpers/io.js";
import { ALEMBIC_EXAMPLE, EXAMPLE } from "./helpers/paths.js";

async function report(cwd: string, args: string[] = []) {
  const io = fakeIo(cwd);
  const code = await run(["report", ...args], io);
  return { code, out: io.out, err: io.err };
}

const temps: string[] = [];
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-report-"));
  temps.push(dir);
  cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true, filter: (src) => !src.includes("__pycache__") });
  return dir;
}
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

// ------------------------------------------------------------ markdown parsing

interface Section {
  level: number;
  title: string;
  /** The "(N)" a heading ends with, or null. */
  count: number | null;
  /** Body rows of the tables directly beneath the heading (before the next heading). */
  rows: string[][];
  tables: number;
  lines: string[];
}

function cells(line: string): string[] {
  // Split on pipes that are not escaped; drop the empty first and last pieces.
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

function parseSections(md: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  const lines = md.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const h = /^(#{1,6}) (.*)$/.exec(line);
    if (h) {
      const m = /\((\d+)\)$/.exec(h[2]!);
      current = { level: h[1]!.length, title: h[2]!, count: m ? Number(m[1]) : null, rows: [], tables: 0, lines: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    current.lines.push(line);
    if (line.startsWith("|") && /^\|(\s*:?-+:?\s*\|)+$/.test(lines[k + 1] ?? "")) {
      current.tables++;
      k += 2;
      while (k < lines.length && lines[k]!.startsWith("|")) {
        current.rows.push(cells(lines[k]!));
        k++;
      }
      k--;
    }
  }
  return sections;
}

/** Sections directly beneath `index` (one level deeper, before the next heading of its level or higher). */
function children(sections: readonly Section[], index: number): Section[] {
  const parent = sections[index]!;
  const out: Section[] = [];
  for (let k = index + 1; k < sections.length && sections[k]!.level > parent.level; k++) {
    if (sections[k]!.level === parent.level + 1) out.push(sections[k]!);
  }
  return out;
}

function section(sections: readonly Section[], prefix: string): Section {
  const s = sections.find((x) => x.title.startsWith(prefix));
  assert.ok(s, `section ${prefix}`);
  return s;
}

function summaryValue(sections: readonly Section[], labelStart: string): number {
  const row = section(sections, "Summary").rows.find((r) => r[0]!.replace(/\*\*/g, "").startsWith(labelStart));
  assert.ok(row, `summary row ${labelStart}`);
  const n = /^\d+/.exec(row[1]!);
  assert.ok(n, `summary row ${labelStart} has a number: ${row[1]}`);
  return Number(n[0]);
}

// ------------------------------------------------------------ the example project

describe("report on the example project", () => {
  let md = "";
  before(async () => {
    const r = await report(EXAMPLE);
    assert.equal(r.err, "");
    assert.equal(r.code, 0);
    md = r.out;
  });

  it("matches the golden report byte for byte", () => {
    assertGolden(md, join(EXAMPLE, "expected", "report.md"));
  });

  it("every heading's count equals the rows beneath it (or its sub-headings' counts)", () => {
    const sections = parseSections(md);
    const counted = sections.filter((s) => s.count !== null);
    assert.ok(counted.length >= 10, "the report has counted headings");
    for (const [k, s] of sections.entries()) {
      if (s.count === null) continue;
      const subs = children(sections, k).filter((c) => c.count !== null);
      if (s.tables > 0) {
        assert.equal(s.rows.length, s.count, `"${s.title}": ${s.rows.length} rows`);
        assert.equal(subs.length, 0, `"${s.title}" has a table and counted sub-headings`);
      } else if (subs.length > 0) {
        assert.equal(
          subs.reduce((n, c) => n + c.count!, 0),
          s.count,
          `"${s.title}": sub-headings add up`,
        );
      } else assert.equal(s.count, 0, `"${s.title}" has neither rows nor sub-headings`);
    }
  });

  it("the summary adds up and agrees with the sections", () => {
    const sections = parseSections(md);
    const v = (label: string) => summaryValue(sections, label);
    const functional = v("Functional, kept in migrations") + v("Functional, in the registry") + v("Functional, in both places");
    const performance = v("Performance, in the registry") + v("Performance, still in migrations") + v("Performance, in both places") + v("Performance, in a registry list");
    assert.equal(functional + performance, v("Indexes found"));
    assert.equal(section(sections, "Functional indexes").count, functional);
    assert.equal(section(sections, "Performance indexes").count, performance);
    assert.equal(section(sections, "Constraint indexes").count, v("Constraint indexes"));
    assert.equal(section(sections, "Dropped in migrations").count, v("Statements dropped"));
    assert.equal(section(sections, "Findings").count, v("Problems at error severity") + v("Warnings"));

    // The "where" column of each table matches the summary's split.
    const perf = sections.filter((s) => s.level === 3 && sections.indexOf(s) > sections.indexOf(section(sections, "Performance indexes")) && sections.indexOf(s) < sections.indexOf(section(sections, "Dropped")));
    const where = perf.flatMap((s) => s.rows.map((r) => r[3]!));
    assert.equal(where.filter((w) => w === "migrations").length, v("Performance, still in migrations"));
    assert.equal(where.filter((w) => w === "registry").length, v("Performance, in the registry"));
    assert.equal(where.filter((w) => w.startsWith("both")).length, v("Performance, in both places"));
    assert.equal(where.filter((w) => w === "registry, never built").length, v("Performance, in a registry list"));
    const fwhere = section(sections, "Functional indexes").rows.map((r) => r[3]!);
    assert.equal(fwhere.filter((w) => w === "migrations").length, v("Functional, kept in migrations"));

    // Problems by rule: the rows add up to the total row, which is the summary's.
    const byRule = section(sections, "Problems by rule").rows;
    const total = byRule.pop()!;
    assert.equal(total[0], "**total**");
    assert.equal(byRule.reduce((n, r) => n + Number(r[1]), 0), Number(total[1]));
    assert.equal(byRule.reduce((n, r) => n + Number(r[2]), 0), Number(total[2]));
    assert.equal(Number(total[1]), v("Problems at error severity"));
    assert.equal(Number(total[2]), v("Warnings"));
    // ... and each rule's count is its findings subsection's.
    for (const r of byRule) assert.equal(section(sections, `${r[0]} (`).count, Number(r[1]) + Number(r[2]), r[0]);

    // Decision criteria cover every index exactly once.
    const criteria = section(sections, "Decision criteria").rows;
    const ctotal = criteria.pop()!;
    assert.equal(criteria.reduce((n, r) => n + Number(r[2]), 0), Number(ctotal[2]));
    assert.equal(Number(ctotal[2]), v("Indexes found"));
    assert.equal(criteria.filter((r) => r[1] === "functional").reduce((n, r) => n + Number(r[2]), 0), functional);
  });

  it("the counts are those of an independent reading of the example (fixtures/example/README.md)", () => {
    const sections = parseSections(md);
    const v = (label: string) => summaryValue(sections, label);
    assert.equal(v("Functional, kept in migrations"), 14);
    assert.equal(v("Functional, in the registry"), 3);
    assert.equal(v("Performance, in both places"), 6);
    assert.equal(v("Performance, in a registry list"), 1);
    assert.equal(v("Statements dropped"), 6);
    assert.equal(v("Index SQL not resolved statically"), 1);
    // 104 migration + 53 registry statements, minus 6 dropped, minus the 6 names in both places.
    assert.equal(v("Indexes found"), 104 + 53 - 6 - 6);
  });

  it("lists every index of `index-audit list`, with its line", async () => {
    const io = fakeIo(EXAMPLE);
    assert.equal(await run(["list", "--format", "json"], io), 0);
    const list = JSON.parse(io.out) as { indexes: { name: string; schema: string | null; file: string; line: number; effective: boolean; origin: string; renamedTo: string | null }[] };
    assert.equal(list.indexes.length, 157);
    for (const ix of list.indexes) {
      const name = ix.renamedTo ?? ix.name;
      const shown = ix.schema ? `${ix.schema}.${name}` : name;
      assert.ok(md.includes("`" + shown + "`"), `${shown} is in the report`);
      assert.ok(md.includes("`" + `${ix.file}:${ix.line}` + "`"), `${shown} at ${ix.file}:${ix.line}`);
    }
    assert.doesNotMatch(md, /\.\.\.\s*\|/, "no truncated cell");
  });

  it("ticks a checklist box only for a rule that ran and reported nothing", () => {
    const sections = parseSections(md);
    const items = section(sections, "Verification checklist").lines.filter((l) => l.startsWith("- ["));
    assert.ok(items.length >= 15);
    for (const item of items) {
      const m = /^- \[( |x)\] .* — `([a-z-]+)`: (.*)$/.exec(item);
      assert.ok(m, item);
      const [, box, rule = "", status = ""] = m;
      const findings = sections.find((s) => s.title.startsWith("`" + rule + "` ("));
      if (box === "x") {
        assert.equal(status, "0 findings");
        assert.equal(findings, undefined, `${rule} has findings but is ticked`);
      } else if (status.startsWith("not checked") || status.startsWith("off")) assert.equal(findings, undefined);
      else assert.equal(Number(/^\d+/.exec(status)?.[0]), findings?.count, rule);
    }
    assert.match(md, /- \[ \] No performance index left in migrations — `performance-index-in-migration`: 78 findings/);
    assert.match(md, /- \[x\] No index name created twice — `duplicate-index-name`: 0 findings/);
    assert.match(md, /`index-missing`: not checked: run with `--base REF`/);
  });

  it("groups performance indexes by registry list, then by the table's list, then by table", () => {
    const titles = parseSections(md)
      .filter((s) => s.level === 3 && s.rows[0]?.length === 6)
      .map((s) => s.title);
    assert.deepEqual(titles.slice(0, 7), ["Leads / CRM (31)", "Calls (22)", "Messaging (16)", "Billing (19)", "Scheduling (17)", "Platform (19)", "Reporting (1)"]);
    // public.leads is leads: grouped with the other leads indexes.
    assert.match(md, /### Leads \/ CRM[\s\S]*`public\.idx_leads_last_contacted`[\s\S]*### Calls/);
    assert.ok(titles.includes("`pipelines` (1)"), "a table no list holds is its own group");
  });

  it("takes the purpose from the description, else the comment, else the definition", () => {
    assert.match(md, /\| `idx_leads_status` \|.*\| Filter leads by pipeline status \|$/m);
    assert.match(md, /\| `idx_leads_business_status` \|.*\| pipeline board: one business, open leads only \|$/m);
    assert.match(md, /\| `idx_leads_created_at` \|.*\| \*Sort by created_at DESC\* \|$/m);
    assert.match(md, /\| `idx_conversations_business_status` \|.*\| \*Filter by business_id \+ status\* \|$/m);
  });

  it("is reproducible: the same bytes twice, and from a copy elsewhere on disk", async () => {
    const again = await report(EXAMPLE);
    assert.equal(again.out, md);
    const copy = copyExample();
    const there = await report(copy);
    assert.equal(there.out, md);
    assert.doesNotMatch(md, /\d{4}-\d{2}-\d{2}/, "no date without --date");
    assert.ok(!md.includes(EXAMPLE), "no absolute path");
  });
});

// ------------------------------------------------------------ options

describe("report options", () => {
  it("--date prints a validated date under the title", async () => {
    const r = await report(EXAMPLE, ["--date", "2024-02-29"]);
    assert.equal(r.code, 0);
    const lines = r.out.split("\n");
    assert.ok(lines.includes("Date: 2024-02-29"));
    assert.equal(lines.filter((l) => /\d{4}-\d{2}-\d{2}/.test(l)).length, 1);
    for (const bad of ["2023-02-29", "2024-13-01", "2024-1-5", "yesterday", "2024-01-01T00:00"]) {
      const b = await report(EXAMPLE, ["--date", bad]);
      assert.equal(b.code, 2, bad);
      assert.equal(b.out, "");
      assert.match(b.err, /^index-audit: --date .*YYYY-MM-DD/, bad);
    }
  });

  it("--output writes the file atomically (creating its directory) and prints nothing", async () => {
    const dir = copyExample();
    const r = await report(dir, ["--output", "docs/index-audit.md"]);
    assert.equal(r.code, 0);
    assert.equal(r.out, "");
    const written = readFileSync(join(dir, "docs/index-audit.md"), "utf8");
    assert.equal(written, (await report(dir)).out);
  });

  it("--check: a fresh report passes with exit 0 and no output", async () => {
    const dir = copyExample();
    assert.equal((await report(dir, ["--output", "docs/index-audit.md"])).code, 0);
    const r = await report(dir, ["--check", "--output", "docs/index-audit.md"]);
    assert.deepEqual(r, { code: 0, out: "", err: "" });
    // A checkout with CRLF line ends is the same report.
    const path = join(dir, "docs/index-audit.md");
    writeFileSync(path, readFileSync(path, "utf8").replace(/\n/g, "\r\n"));
    assert.equal((await report(dir, ["--check", "--output", "docs/index-audit.md"])).code, 0);
  });

  it("--check: a stale report fails with exit 1 and a short diff, and is not rewritten", async () => {
    const dir = copyExample();
    assert.equal((await report(dir, ["--output", "docs/index-audit.md"])).code, 0);
    // The code changes after the report was committed: a registry description is edited.
    const registry = join(dir, "server/db_indexes.py");
    writeFileSync(registry, readFileSync(registry, "utf8").replace('"Filter leads by pipeline status"', '"Kanban filter by status"'));
    const before = readFileSync(join(dir, "docs/index-audit.md"), "utf8");
    const r = await report(dir, ["--check", "--output", "docs/index-audit.md"]);
    assert.equal(r.code, 1);
    assert.equal(r.err, "");
    const lines = r.out.split("\n");
    assert.equal(lines[0], "--- docs/index-audit.md (committed)");
    assert.equal(lines[1], "+++ docs/index-audit.md (generated)");
    assert.match(lines[2]!, /^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    assert.deepEqual(
      lines.filter((l) => /^[-+]\|/.test(l)).map((l) => `${l[0] ?? ""}${/\| ([^|]*) \|$/.exec(l)?.[1] ?? ""}`),
      ["-Filter leads by pipeline status", "+Kanban filter by status"],
    );
    assert.match(r.out, /docs\/index-audit\.md is stale; regenerate it/);
    assert.ok(lines.length < 20, "the diff is short");
    assert.equal(readFileSync(join(dir, "docs/index-audit.md"), "utf8"), before, "--check writes nothing");
  });

  it("--check: a missing report fails with exit 1; --check without --output is a usage error", async () => {
    const dir = copyExample();
    const missing = await report(dir, ["--check", "--output", "docs/index-audit.md"]);
    assert.equal(missing.code, 1);
    assert.match(missing.out, /docs\/index-audit\.md does not exist/);
    assert.ok(!existsSync(join(dir, "docs")));
    const usage = await report(dir, ["--check"]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--check needs --output/);
    mkdirSync(join(dir, "docs/index-audit.md"), { recursive: true });
    const unreadable = await report(dir, ["--check", "--output", "docs/index-audit.md"]);
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /cannot read docs\/index-audit\.md/);
  });

  it("uses the configured domains for indexes whose registry list names none, and lists overrides", async () => {
    const dir = copyExample();
    writeFileSync(
      join(dir, "index-audit.json"),
      JSON.stringify({ domains: { Onboarding: ["pipelines", "erasure_*"] }, functional: { idx_tasks_due_at: "the reminder job needs | it" }, performance: ["no_such_index"] }),
    );
    const r = await report(dir);
    assert.equal(r.code, 0, r.err);
    const sections = parseSections(r.out);
    assert.equal(section(sections, "Onboarding").count, 2);
    assert.equal(section(sections, "Configured overrides").count, 2);
    assert.match(r.out, /\| `idx_tasks_due_at` \| functional \| the reminder job needs \\\| it \| `server\/db_migrate\.py:823` \|/);
    assert.match(r.out, /\| `no_such_index` \| performance \| \*\(no reason given\)\* \| no index of that name \|/);
    const criteria = section(sections, "Decision criteria").rows.find((row) => row[0]!.startsWith("named under `functional`"));
    assert.equal(criteria![2], "1");
  });
});

// ------------------------------------------------------------ purpose

describe("report on a project without a registry (Alembic)", () => {
  let md = "";
  before(async () => {
    const r = await report(ALEMBIC_EXAMPLE);
    assert.equal(r.code, 0, r.err);
    md = r.out;
  });

  it("sums up a directory of many migrations as its count instead of listing every path", () => {
    const files = readdirSync(join(ALEMBIC_EXAMPLE, "migrations/versions")).filter((f) => f.endsWith(".py")).length;
    assert.equal(files, 39);
    assert.equal(md.split("\n")[2], "Generated by `index-audit report` from the migrations (39 files in `migrations/versions/`) and no registry.");
  });

  it("does not ask to move the performance indexes the migrations build", () => {
    assert.match(md, /^\| Performance, built in migrations \(the project has no registry\) \| 24 \|$/m);
    assert.doesNotMatch(md, /to move|has to move/);
    assert.match(md, /^Where: `migrations` is created by migrations \(the project has no registry: they build their indexes, concurrently where the table exists\)\.$/m);
  });

  it("a constraint whose table a later revision renamed names the table's last name too", () => {
    assert.match(md, /^\| `uq_order_items_order_product` \| UNIQUE \| `order_items` \(table renamed to `order_lines`\) \| `\(order_id, product_id\)` \| /m);
  });
});

describe("purpose derivation", () => {
  let parser: SqlParser;
  before(async () => {
    parser = await createSqlParser();
  });
  const derive = (sql: string) => {
    const st = readStatements(parser, sql).statements[0];
    assert.ok(st?.kind === "create-index", sql);
    return derivePurpose(st);
  };
  const cases: [string, string][] = [
    ["CREATE INDEX i ON leads (lead_id)", "Lookup by lead_id"],
    ["CREATE INDEX i ON leads (created_at DESC)", "Sort by created_at DESC"],
    ["create index i on invoices (issued_at desc)", "Sort by issued_at DESC"],
    ["CREATE INDEX i ON leads (last_contacted_at DESC NULLS LAST)", "Sort by last_contacted_at DESC NULLS LAST"],
    ["CREATE INDEX i ON leads (business_id, status)", "Filter by business_id + status"],
    ["CREATE INDEX i ON calls (business_id, created_at DESC)", "Filter by business_id, sort by created_at DESC"],
    ["CREATE INDEX i ON tasks (business_id, priority DESC, due_at)", "Filter by business_id + priority + due_at"],
    ["CREATE INDEX i ON messages (lead_id) WHERE lead_id IS NOT NULL", "Lookup by lead_id. Partial: WHERE lead_id IS NOT NULL"],
    ["CREATE INDEX i ON tasks (due_at)", "Range / sort by due_at"],
    ["CREATE INDEX i ON users (lower(email))", "Lookup by lower(email)"],
    ["CREATE INDEX i ON calls (from_number text_pattern_ops)", "Prefix search (LIKE 'abc%') on from_number"],
    ["CREATE INDEX i ON leads (business_id, lower(name) varchar_pattern_ops)", "Filter by business_id, prefix search (LIKE 'abc%') on lower(name)"],
    ["CREATE INDEX i ON leads USING gin (tags)", "Containment search on tags (GIN)"],
    ["CREATE INDEX i ON leads USING gin (name gin_trgm_ops)", "Similarity / substring search on name (trigram)"],
    ["CREATE INDEX i ON events USING gin (payload jsonb_path_ops)", "JSON containment search on payload"],
    ["CREATE INDEX i ON messages USING gin (to_tsvector('simple', body))", "Full-text search on to_tsvector('simple', body)"],
    ["CREATE INDEX i ON audit_log USING brin (created_at)", "Range scans on created_at (BRIN)"],
    ["CREATE INDEX i ON sessions USING hash (token)", "Equality lookup by token (hash)"],
    ["CREATE INDEX i ON rooms USING gist (during)", "Range / overlap / nearest search on during (GiST)"],
    ["CREATE INDEX i ON lead_tags (business_id, tag_id) INCLUDE (lead_id)", "Filter by business_id + tag_id, covering lead_id"],
    [`CREATE INDEX i ON "CallRecordings" ("createdAt" DESC)`, `Sort by "createdAt" DESC`],
    ["CREATE INDEX i ON calls (business_id, created_at DESC) WHERE status IN ('a', 'b')", "Filter by business_id, sort by created_at DESC. Partial: WHERE status IN ('a', 'b')"],
  ];
  for (const [sql, expected] of cases) {
    it(`${sql} → ${expected}`, () => {
      assert.equal(derive(sql), expected);
    });
  }

  it("prefers the registry description, then the comment above, then the definition", () => {
    const def = (over: Partial<IndexDef>): IndexDef =>
      ({
        method: "btree",
        keys: [{ text: "lead_id", column: "lead_id", opclass: null, collation: null, order: null, nulls: null }],
        include: [],
        where: null,
        registry: null,
        context: { function: null, guard: null, guards: [], comment: null, executor: null },
        ...over,
      }) as IndexDef;
    const registry = { list: "INDEX_DEFS", name: "i", table: "t", critical: null, keys: [], statements: 1 };
    const commented = def({ context: { function: null, guard: null, guards: [], comment: "lead card\n  timeline", executor: null } });
    assert.deepEqual(purposeOf([def({ registry: { ...registry, description: " Lead card " } }), commented]), { text: "Lead card", source: "registry" });
    assert.deepEqual(purposeOf([def({ registry: { ...registry, description: "" } }), commented]), { text: "lead card timeline", source: "comment" });
    assert.deepEqual(purposeOf([def({})]), { text: "Lookup by lead_id", source: "derived" });
  });
});

// ------------------------------------------------------------ domains

describe("domain titles", () => {
  const cases: [string, string, string | null][] = [
    ["INDEX_DEFS_LEADS_CRM", "INDEX_DEFS", "Leads / CRM"],
    ["INDEX_DEFS_CALLS", "INDEX_DEFS", "Calls"],
    ["INDEX_DEFS_SMS_API", "INDEX_DEFS", "SMS / API"],
    ["INDEX_DEFS", "INDEX_DEFS", null],
    ["_INDEX_DEFS_BILLING", "INDEX_DEFS", "Billing"],
    ["BILLING_INDEXES", "INDEX_DEFS", "Billing"],
    ["billingIndexes", "INDEX_DEFS", "Billing"],
    ["PERF_INDEXES_CALLS", "PERF_INDEXES", "Calls"],
    ["PERF_INDEXES", "PERF_INDEXES", null],
  ];
  for (const [list, variable, expected] of cases) {
    it(`${list} (variable ${variable}) → ${expected}`, () => {
      assert.equal(domainTitle(list, variable), expected);
    });
  }

  it("a registry list first, then the configured domains, then the table's registry list, then the table", () => {
    const domains = [{ name: "Telephony", tables: ["call_*", "calls"] }];
    const tables = new Map([["calls", ["Calls", "Calls", "Reporting"]], ["crm.lead_events", ["Leads / CRM"]]]);
    const at = (schema: string | null, table: string, lists: string[] = []) => assignDomain({ schema, table, lists }, "INDEX_DEFS", domains, tables);
    assert.deepEqual(at(null, "calls", ["INDEX_DEFS_CALLS"]), { title: "Calls", source: "registry-list" });
    assert.deepEqual(at(null, "calls", ["INDEX_DEFS"]), { title: "Telephony", source: "config" });
    assert.deepEqual(at(null, "call_events"), { title: "Telephony", source: "config" });
    assert.deepEqual(at("crm", "lead_events"), { title: "Leads / CRM", source: "table-in-registry" });
    assert.deepEqual(at(null, "lead_events"), { title: "lead_events", source: "table" });
    assert.deepEqual(at("public", "pipelines"), { title: "pipelines", source: "table" });
    assert.deepEqual(assignDomain({ schema: "public", table: "calls", lists: [] }, "INDEX_DEFS", [], tables), { title: "Calls", source: "table-in-registry" });
  });
});

// ------------------------------------------------------------ markdown and diff helpers

describe("markdown cells", () => {
  it("escapes pipes and markup, keeps identifiers readable", () => {
    assert.equal(code("a|b"), "`a\\|b`");
    assert.equal(code("x`y"), "`` x`y ``");
    assert.equal(esc("a | b *c* <d> business_id _x"), "a \\| b \\*c\\* \\<d\\> business_id \\_x");
    assert.equal(esc("idx_{table}_tenant\nnext"), "idx_{table}\\_tenant next");
  });
});

describe("lineDiff", () => {
  it("is empty for equal texts and shows changed lines with context", () => {
    assert.equal(lineDiff("a\nb\n", "a\nb\n", "old", "new"), "");
    const d = lineDiff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\nfour\n5\n6\n7\n8\n9\n", "old", "new");
    assert.equal(d, ["--- old", "+++ new", "@@ -2,7 +2,8 @@", " 2", " 3", "-4", "+four", " 5", " 6", " 7", " 8", "+9", ""].join("\n"));
    const far = lineDiff("a\n1\n2\n3\n4\n5\nb\n", "A\n1\n2\n3\n4\n5\nB\n", "old", "new", { context: 1 });
    assert.equal(far, ["--- old", "+++ new", "@@ -1,2 +1,2 @@", "-a", "+A", " 1", "@@ -6,2 +6,2 @@", " 5", "-b", "+B", ""].join("\n"));
  });

  it("caps its length and says how much it left out", () => {
    const a = Array.from({ length: 200 }, (_, k) => `line ${k}`).join("\n") + "\n";
    const b = Array.from({ length: 200 }, (_, k) => `LINE ${k}`).join("\n") + "\n";
    const d = lineDiff(a, b, "old", "new", { maxLines: 10 }).split("\n");
    assert.ok(d.length <= 14);
    assert.match(d[d.length - 2]!, /^… \d+ more changed lines not shown$/);
  });

  it("shows files that differ past its edit budget as one replaced block, and says so", () => {
    const a = Array.from({ length: 3000 }, (_, k) => `line ${k}`).join("\n") + "\n";
    const b = Array.from({ length: 3000 }, (_, k) => `LINE ${k}`).join("\n") + "\n";
    const d = lineDiff(a, b, "old", "new", { maxLines: 4 }).split("\n");
    assert.deepEqual(d, ["--- old", "+++ new", `(more than ${DIFF_EDIT_BUDGET} lines differ: shown as one replaced block)`, "@@ -1,3000 +1,3000 @@", "-line 0", "-line 1", "-line 2", "… 5997 more changed lines not shown", ""]);
  });
});
