/**
 * A synthetic Alembic project for `npm run bench`: `alembic.ini`, an `env.py`
 * with a naming convention, and `revisions` revision files chained by
 * `down_revision`, with a branch and its merge every 50 revisions. Each
 * revision mixes the forms real projects use: create_table with indexed and
 * unique columns, create_index with options, batch operations, raw SQL and
 * drops of earlier indexes.
 */
const TABLES = ["leads", "calls", "messages", "appointments", "invoices", "payments", "tasks", "webhooks", "users", "conversations"];

function id(n: number): string {
  // Stable, unsorted-looking revision ids: file-name order is not graph order.
  return ((n * 2654435761) % 2 ** 32).toString(16).padStart(8, "0") + n.toString(16).padStart(4, "0");
}

function body(n: number): string {
  const t = TABLES[n % TABLES.length]!;
  switch (n % 5) {
    case 0:
      return `    op.create_table(
        "${t}_${n}",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("business_id", sa.BigInteger(), nullable=False, index=True),
        sa.Column("external_ref", sa.String(64), unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("business_id", "created_at"),
        sa.Index("ix_${t}_${n}_created_desc", sa.text("created_at DESC")),
    )`;
    case 1:
      return `    op.add_column("${t}", sa.Column("c${n}", sa.String(40)))
    op.create_index(op.f("ix_${t}_c${n}"), "${t}", ["c${n}", "business_id"], unique=False)
    op.create_index("ix_${t}_live_${n}", "${t}", ["business_id"], postgresql_where=sa.text("deleted_at IS NULL"))`;
    case 2:
      return `    with op.batch_alter_table("${t}") as batch_op:
        batch_op.add_column(sa.Column("d${n}", sa.Integer()))
        batch_op.create_index("ix_${t}_d${n}", ["d${n}"])
        batch_op.create_unique_constraint(None, ["d${n}", "id"])`;
    case 3:
      return `    op.execute(
        """
        CREATE INDEX IF NOT EXISTS ix_${t}_e${n} ON ${t} (lower(e${n}))
        """
    )
    with op.get_context().autocommit_block():
        op.create_index("ix_${t}_f${n}", "${t}", ["f${n}"], postgresql_concurrently=True)`;
    default:
      return `    op.drop_index(op.f("ix_${TABLES[(n - 3) % TABLES.length]}_c${n - 3}"), table_name="${TABLES[(n - 3) % TABLES.length]}")
    op.create_index("ix_${t}_g${n}", "${t}", ["g${n}"], postgresql_using="gin", postgresql_ops={"g${n}": "jsonb_path_ops"})`;
  }
}

function revision(n: number, down: string | string[] | null): string {
  const d = down === null ? "None" : Array.isArray(down) ? `(${down.map((x) => `"${x}"`).join(", ")})` : `"${down}"`;
  return `"""revision ${n}

Revision ID: ${id(n)}
"""
from alembic import op
import sqlalchemy as sa

revision = "${id(n)}"
down_revision = ${d}
branch_labels = None
depends_on = None


def upgrade() -> None:
${body(n)}


def downgrade() -> None:
    pass
`;
}

/** Relative path → text. */
export function alembicProject(revisions: number): Map<string, string> {
  const files = new Map<string, string>();
  files.set("alembic.ini", "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://app@localhost/app\n");
  files.set(
    "migrations/env.py",
    `from alembic import context
import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s"})
target_metadata = metadata

# Offline only (alembic upgrade head --sql): the benchmark has no database.
context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
`,
  );
  let head: string | null = null;
  for (let n = 0; n < revisions; n++) {
    let down: string | string[] | null = head;
    // Every 50 revisions, a branch (two children of one revision) and its merge.
    if (n % 50 === 48) down = id(n - 2);
    if (n % 50 === 49) down = [id(n - 1), id(n - 2)];
    files.set(`migrations/versions/${id(n)}_revision_${n}.py`, revision(n, down));
    head = id(n);
  }
  return files;
}
