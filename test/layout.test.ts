import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

// A Python project in a subdirectory of its repository (backend/): GitHub
// annotations and SARIF name files from the repository root.

const MIGRATE = `from sqlalchemy import text


def migrate(conn):
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)"))
`;

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository (git init, unless `git` is false) with the project in backend/. */
function monorepo(git = true): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-layout-"));
  temps.push(dir);
  if (git) execFileSync("git", ["init", "-q"], { cwd: dir });
  write(dir, "backend/server/db_migrate.py", MIGRATE);
  write(dir, "backend/server/db_indexes.py", "INDEX_DEFS = []\n");
  write(dir, "frontend/package.json", "{}\n");
  return dir;
}

async function check(cwd: string, args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(cwd, env);
  const code = await run(["check", ...args], io);
  return { code, out: io.out, err: io.err };
}

const ANNOTATION =
  "::error file=backend/server/db_migrate.py,line=5,col=24,endLine=5,endColumn=85,title=index-audit(performance-index-in-migration)::Performance index idx_leads_status on leads is created in migrations%0A" +
  'Move it to server/db_indexes.py as CREATE INDEX CONCURRENTLY IF NOT EXISTS (index-audit fix --move), or mark it "# index-audit: functional <reason>" if it enforces a rule.\n';

describe("a project in a subdirectory of its repository", () => {
  it("github annotations name the file from the repository root, with --cwd backend", async () => {
    const repo = monorepo();
    const r = await check(repo, ["--cwd", "backend", "--format", "github"]);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, ANNOTATION);
  });

  it("and the same when run from backend/ (action.yml's working-directory), by default under GitHub Actions", async () => {
    const repo = monorepo();
    const r = await check(join(repo, "backend"), [], { GITHUB_ACTIONS: "true" });
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, ANNOTATION);
  });

  it("SARIF locations are relative to %SRCROOT%, the repository root", async () => {
    const repo = monorepo();
    const r = await check(repo, ["--cwd", "backend", "--format", "sarif"]);
    const doc = JSON.parse(r.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const locations = doc.runs[0]!.results.map((res) => [res.ruleId, res.locations[0]!.physicalLocation.artifactLocation, res.locations[0]!.physicalLocation.region.startLine, res.locations[0]!.physicalLocation.region.startColumn]);
    assert.deepEqual(locations, [["performance-index-in-migration", { uri: "backend/server/db_migrate.py", uriBaseId: "%SRCROOT%" }, 5, 24]]);
  });

  it("without .git, GITHUB_WORKSPACE names the repository root; the human formats keep project paths", async () => {
    const repo = monorepo(false);
    const github = await check(join(repo, "backend"), ["-f", "github"], { GITHUB_WORKSPACE: repo });
    assert.equal(github.out, ANNOTATION);
    const compact = await check(join(repo, "backend"), ["-f", "compact"], { GITHUB_WORKSPACE: repo });
    assert.match(compact.out, /^server\/db_migrate\.py:5:24: error performance-index-in-migration /);
  });
});
