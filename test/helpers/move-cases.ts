/**
 * Small random projects for `fix --move`, built from the patterns of the
 * example project: calls, wrappers, lists of SQL looped over, multi-statement
 * strings, guards, try/except, loops, unique indexes that stay, indexes the
 * registry builds already, helpers, and registries in several styles.
 */
import { makeRng } from "./fuzz.js";

const TABLES = ["leads", "calls", "messages", "invoices", "tasks"];
const COLUMNS = ["business_id", "status", "created_at", "owner_id", "lead_id", "due_at"];

export interface MoveCase {
  migration: string;
  registry: string;
}

export function moveCase(seed: number): MoveCase {
  const r = makeRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  let n = 0;
  const idx = (table: string, unique = false): { name: string; table: string; sql: string } => {
    const col = pick(COLUMNS);
    const name = `${unique ? "uq" : "idx"}_${table}_${col}_${seed}_${n++}`;
    return { name, table, sql: `CREATE ${unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${name} ON ${table} (${col})` };
  };
  const registryEntries: { list: string; name: string; table: string; sql: string }[] = [];
  const lists = ["INDEX_DEFS_CRM", "INDEX_DEFS_OPS"];
  const body: string[] = ['"""Generated migrations."""', "import logging", "", "from sqlalchemy import text", "", "logger = logging.getLogger(__name__)", ""];
  body.push("", "def index_exists(conn, name):", "    return False", "", "", "def exec_index(conn, sql):", "    conn.execute(text(sql))", "");
  const functions = 2 + Math.floor(r() * 3);
  for (let f = 0; f < functions; f++) {
    body.push("", `def migrate_v${f + 1}(conn):`, `    """Version ${f + 1}."""`);
    const blocks = 1 + Math.floor(r() * 4);
    for (let b = 0; b < blocks; b++) {
      const table = pick(TABLES);
      const kind = Math.floor(r() * 11);
      const a = idx(table);
      switch (kind) {
        case 0:
          body.push(`    conn.execute(text("${a.sql}"))`);
          break;
        case 1:
          body.push(`    # speeds up the ${table} list`, `    exec_index(conn, "${a.sql}")`);
          break;
        case 2: {
          const c = idx(table);
          body.push("    for sql in [", `        "${a.sql}",`, `        "${c.sql}",`, "    ]:", "        conn.execute(text(sql))");
          break;
        }
        case 3: {
          const u = idx(table, true);
          body.push('    conn.execute(text("""', "        SET lock_timeout = '5s';", `        ${a.sql};`, `        ${u.sql};`, '    """))');
          break;
        }
        case 4:
          body.push(`    if not index_exists(conn, "${a.name}"):`, `        conn.execute(text("${a.sql.replace(" IF NOT EXISTS", "")}"))`);
          break;
        case 5:
          body.push("    try:", `        conn.execute(text("${a.sql}"))`, "    except Exception:", `        logger.warning("could not create index ${a.name}")`, "        raise");
          break;
        case 6: {
          const u = idx(table, true);
          body.push(`    conn.execute(text("${u.sql}"))`);
          break;
        }
        case 7:
          // Already built by the registry: only leaves the migration.
          registryEntries.push({ list: pick(lists), name: a.name, table, sql: a.sql.replace("INDEX IF NOT EXISTS", "INDEX CONCURRENTLY IF NOT EXISTS") });
          body.push(`    conn.execute(text("${a.sql}"))`);
          break;
        case 8:
          body.push("    conn.execute(text(", `        "${a.sql.slice(0, a.sql.indexOf(" ON "))} "`, `        "${a.sql.slice(a.sql.indexOf(" ON ") + 1)}"`, "    ))");
          break;
        case 9:
          body.push(`    for t in ("${table}", "${pick(TABLES)}"):`, `        conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{t}_loop_${seed}_${n++} ON {t} (created_at)"))`);
          break;
        default:
          body.push(`    conn.execute(text("CREATE INDEX IF NOT EXISTS {} ON {} (status)".format("idx_${table}_fmt_${seed}_${n++}", "${table}")))`);
      }
      if (r() < 0.3) body.push(`    logger.info("CREATE INDEX done for ${table}")`);
    }
  }
  const style = Math.floor(r() * 3);
  const reg: string[] = ['"""Performance indexes, built CONCURRENTLY after each deploy."""', ""];
  for (const list of lists) {
    reg.push(`${list} = [`);
    const mine = registryEntries.filter((e) => e.list === list);
    const seedEntry = idx(list === lists[0] ? "leads" : "tasks");
    for (const e of [{ ...seedEntry, sql: seedEntry.sql.replace("INDEX IF NOT EXISTS", "INDEX CONCURRENTLY IF NOT EXISTS") }, ...mine]) {
      if (style === 0) reg.push("    {", `        "name": "${e.name}",`, `        "table": "${e.table}",`, `        "sql": "${e.sql}",`, '        "critical": False,', '        "description": "seeded",', "    },");
      else if (style === 1) reg.push(`    {'name': '${e.name}', 'table': '${e.table}', 'sql': '${e.sql}', 'critical': False},`);
      else reg.push(`    dict(name="${e.name}", table="${e.table}", sql="${e.sql}", critical=False, description="seeded"),`);
    }
    reg.push("]", "");
  }
  reg.push(`INDEX_DEFS = ${lists.join(" + ")}`, "");
  return { migration: body.join("\n") + "\n", registry: reg.join("\n") };
}
