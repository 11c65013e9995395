/** The methods of Alembic's `op` (and `batch_op`) the reader knows, by what they do. */

/**
 * Alembic's other methods of `op` and `batch_op` (Alembic 1.8 to 1.16):
 * execute and invoke, read apart (operations.ts), and those that make or drop no index.
 * A method in neither set is an operation a project or a library registered
 * (custom-operations.ts).
 */
export const ALEMBIC_METHODS: ReadonlySet<string> = new Set([
  "execute",
  "invoke",
  "bulk_insert",
  "create_foreign_key",
  "create_check_constraint",
  "create_table_comment",
  "drop_table_comment",
  "batch_alter_table",
  "get_bind",
  "get_context",
  "f",
  "inline_literal",
  "implementation_for",
  "register_operation",
  "create_module_class_proxy",
  "run_async",
]);

/** Operations whose arguments decide the SQL read (the others create no index). */
export const INDEX_METHODS: ReadonlySet<string> = new Set(["add_column", "drop_column", "alter_column", "create_index", "drop_index", "create_unique_constraint", "create_primary_key", "drop_constraint", "drop_table", "rename_table", "create_table", "create_exclude_constraint"]);
