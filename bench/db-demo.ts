/**
 * `npm run demo:db`: index-audit db on the example project, against PGlite
 * (PostgreSQL in WebAssembly, served on 127.0.0.1 by pglite-socket) loaded
 * as test/helpers/example-db.ts describes. Needs no server.
 */
import { run } from "../src/cli.js";
import { loadExample, NOT_BUILT } from "../test/helpers/example-db.js";
import { EXAMPLE } from "../test/helpers/paths.js";
import { startEmbeddedPostgres } from "../test/helpers/pglite.js";

const pg = await startEmbeddedPostgres();
try {
  const load = await loadExample(pg);
  const shown = `postgresql://postgres:***@127.0.0.1:${pg.port}/postgres`;
  process.stdout.write(
    `PGlite on ${shown}: ${load.migrationStatements} statements of the migrations applied, ${load.registryIndexes} registry indexes built (not those of ${NOT_BUILT}),` +
      ` idx_leads_stage built before its definition changed, idx_calls_tmp_debug made by hand, uq_businesses_name left INVALID by a failed concurrent build` +
      `${load.failed.length ? `; failed: ${load.failed.join("; ")}` : ""}\n\n$ index-audit db --cwd fixtures/example --database-url ${shown}\n`,
  );
  const code = await run(["db", "--cwd", EXAMPLE, "--database-url", pg.url], {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- typed boolean, but undefined when stdout is not a terminal
    stdoutIsTTY: process.stdout.isTTY === true,
  });
  process.stdout.write(`\n(exit code ${code}; add --repair-sql for the SQL that repairs what can be repaired)\n`);
} finally {
  await pg.close();
}
