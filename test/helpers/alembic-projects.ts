/**
 * Random Alembic projects, valid by construction: tables made with Column
 * flags, UniqueConstraint, PrimaryKeyConstraint and Index elements; indexes
 * and UNIQUE constraints created and dropped by name; tables renamed; columns
 * added, dropped and (in a batch) renamed; tables dropped; expression and
 * partial indexes, op.f() names; index SQL run with op.execute; indexes
 * for other databases behind `dialect_name = op.get_bind().dialect.name`.
 * The revisions branch and merge: each revision k ≡ 1 and k ≡ 2 (mod 3) both
 * follow k - 1 or k - 2, and k ≡ 0 merges them as ("r<k-1>", "r<k-2>"), so
 * the operations hold only in the order Alembic walks such a graph (the
 * parent listed last first). Files by path, as a project has them.
 */
import { makeRng } from "./fuzz.js";

const ENV_WITH_CONVENTION = `from alembic import context
import sqlalchemy as sa
target_metadata = sa.MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s"})
context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
`;

const ENV_PLAIN = ENV_WITH_CONVENTION.replace(/^target_metadata = .*$/m, "target_metadata = None");

export function randomAlembicProject(seed: number): Record<string, string> {
  const r = makeRng(seed * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const tables = new Map<string, Set<string>>();
  const indexes = new Map<string, { table: string; columns: string[] }>();
  const uniques = new Map<string, string>();
  let n = 0;
  const revisions: string[][] = [];
  let count = 3 + Math.floor(r() * 7);
  // A branch left without its merge would be a second head.
  if ((count - 1) % 3 === 2) count++;
  for (let k = 0; k < count; k++) {
    const body: string[] = [];
    for (let o = 1 + Math.floor(r() * 4); o > 0; o--) {
      const choice = tables.size === 0 ? 0 : Math.floor(r() * 16);
      const table = tables.size === 0 ? "" : pick([...tables.keys()]);
      const columns = table ? [...tables.get(table)!] : [];
      if (choice === 0) {
        const t = `t${n++}`;
        const pkColumn = r() < 0.7;
        const parts = [`sa.Column("id", sa.Integer, nullable=False${pkColumn ? ", primary_key=True" : ""}${r() < 0.2 ? ", unique=True" : ""})`];
        for (const c of ["a", "b", "c"]) {
          const f = r();
          const indexed = f < 0.2 || (f >= 0.35 && f < 0.42);
          parts.push(`sa.Column("${c}", sa.Integer${f < 0.2 ? ", index=True" : f < 0.35 ? ", unique=True" : f < 0.42 ? ", index=True, unique=True" : ""})`);
          if (indexed) indexes.set(`ix_${t}_${c}`, { table: t, columns: [c] });
        }
        if (!pkColumn) parts.push(`sa.PrimaryKeyConstraint("id"${r() < 0.5 ? `, name="${t}_pk"` : ""})`);
        if (r() < 0.4) parts.push(`sa.UniqueConstraint("a", "b"${r() < 0.5 ? `, name="uq_${t}_ab_named"` : ""})`);
        if (r() < 0.2) parts.push(`sa.UniqueConstraint("id")`);
        if (r() < 0.3) {
          parts.push(`sa.Index("ix_${t}_bc", "b", "c"${r() < 0.5 ? ", unique=True" : ""})`);
          indexes.set(`ix_${t}_bc`, { table: t, columns: ["b", "c"] });
        }
        body.push(`op.create_table("${t}", ${parts.join(", ")})`);
        tables.set(t, new Set(["id", "a", "b", "c"]));
      } else if (choice <= 2) {
        const name = `ix_f${n++}`;
        const cs = [...new Set([pick(columns), ...(r() < 0.4 ? [pick(columns)] : [])])];
        body.push(`op.create_index("${name}", "${table}", ${JSON.stringify(cs)}${r() < 0.3 ? ", unique=True" : ""})`);
        indexes.set(name, { table, columns: cs });
      } else if (choice === 3 && indexes.size > 0) {
        const name = pick([...indexes.keys()]);
        body.push(`op.drop_index("${name}", table_name="${indexes.get(name)!.table}")`);
        indexes.delete(name);
      } else if (choice === 4) {
        const name = `uq_f${n++}`;
        body.push(`op.create_unique_constraint("${name}", "${table}", ${JSON.stringify(["id", ...(columns.includes("a") ? ["a"] : [])])})`);
        uniques.set(name, table);
      } else if (choice === 5 && uniques.size > 0) {
        const name = pick([...uniques.keys()]);
        body.push(`op.drop_constraint("${name}", "${uniques.get(name)!}", type_="unique")`);
        uniques.delete(name);
      } else if (choice === 6) {
        const to = `t${n++}`;
        body.push(`op.rename_table("${table}", "${to}")`);
        tables.set(to, tables.get(table)!);
        tables.delete(table);
        for (const i of indexes.values()) if (i.table === table) i.table = to;
        for (const [u, t] of uniques) if (t === table) uniques.set(u, to);
      } else if (choice === 7) {
        const c = `x${n++}`;
        const f = r();
        body.push(`op.add_column("${table}", sa.Column("${c}", sa.Integer${f < 0.4 ? ", index=True" : f < 0.7 ? ", unique=True" : ""}))`);
        tables.get(table)!.add(c);
        if (f < 0.4) indexes.set(`ix_${table}_${c}`, { table, columns: [c] });
      } else if (choice === 8) {
        const droppable = columns.filter((c) => c !== "id" && c !== "a");
        if (droppable.length === 0) continue;
        const c = pick(droppable);
        body.push(`op.drop_column("${table}", "${c}")`);
        tables.get(table)!.delete(c);
        for (const [name, i] of [...indexes]) if (i.table === table && i.columns.includes(c)) indexes.delete(name);
      } else if (choice === 9) {
        const name = `ix_raw${n++}`;
        const c = pick(columns);
        body.push(`op.execute("CREATE ${r() < 0.3 ? "UNIQUE " : ""}INDEX ${name} ON ${table} (${c})")`);
        indexes.set(name, { table, columns: [c] });
      } else if (choice === 10 && indexes.size > 0) {
        const name = pick([...indexes.keys()]);
        const index = indexes.get(name)!;
        indexes.delete(name);
        if (r() < 0.5) {
          const to = `ix_ren${n++}`;
          body.push(`op.execute("ALTER INDEX ${name} RENAME TO ${to}")`);
          indexes.set(to, index);
        } else body.push(`op.execute("DROP INDEX IF EXISTS ${name}")`);
      } else if (choice === 11) {
        const name = `ix_b${n++}`;
        const c = pick(columns);
        body.push(`with op.batch_alter_table("${table}") as batch_op:`, `    batch_op.create_index("${name}", ["${c}"])`);
        indexes.set(name, { table, columns: [c] });
        const renamable = columns.filter((x) => x !== "id" && x !== "a");
        if (renamable.length > 0 && r() < 0.6) {
          const from = pick(renamable);
          const to = `${from}_r${n++}`;
          body.push(`    batch_op.alter_column("${from}", new_column_name="${to}")`);
          tables.get(table)!.delete(from);
          tables.get(table)!.add(to);
          for (const i of indexes.values()) if (i.table === table) i.columns = i.columns.map((x) => (x === from ? to : x));
        }
      } else if (choice === 12 && tables.size > 1) {
        body.push(`op.drop_table("${table}")`);
        tables.delete(table);
        for (const [name, i] of [...indexes]) if (i.table === table) indexes.delete(name);
        for (const [u, t] of [...uniques]) if (t === table) uniques.delete(u);
      } else if (choice === 13) {
        const name = `ix_e${n++}`;
        const c = pick(columns);
        body.push(`op.create_index("${name}", "${table}", [sa.text("(${c} + 1)"), "id"], postgresql_where=sa.text("${c} > 0"))`);
        indexes.set(name, { table, columns: [c, "id"] });
      } else if (choice === 14) {
        const name = `ix_opf${n++}_${table}`;
        const c = pick(columns);
        body.push(`op.create_index(op.f("${name}"), "${table}", ["${c}"])`);
        indexes.set(name, { table, columns: [c] });
      } else if (choice === 15) {
        body.push("dialect_name = op.get_bind().dialect.name", 'if dialect_name in ("sqlite", "mysql"):', `    op.create_index("ix_other_db${n++}", "${table}", ["${pick(columns)}"])`);
      }
    }
    revisions.push(body);
  }
  const files: Record<string, string> = {
    "alembic.ini": "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://localhost/x\n",
    "migrations/env.py": r() < 0.5 ? ENV_WITH_CONVENTION : ENV_PLAIN,
    "migrations/script.py.mako": "",
  };
  const down = (k: number): string => (k === 0 ? "None" : k % 3 === 1 ? `"r${k - 1}"` : k % 3 === 2 ? `"r${k - 2}"` : `("r${k - 1}", "r${k - 2}")`);
  revisions.forEach((body, k) => {
    const upgrade = body.length > 0 ? body.map((l) => `    ${l}`).join("\n") : "    pass";
    files[`migrations/versions/r${String(k).padStart(2, "0")}_x.py`] = `from alembic import op\nimport sqlalchemy as sa\nrevision = "r${k}"\ndown_revision = ${down(k)}\n\n\ndef upgrade():\n${upgrade}\n`;
  });
  return files;
}
