/**
 * A migration module of the size and shape of a real one (speed issue): about
 * 9,600 lines, where most lines are Python logic and comments, not SQL —
 * about 450 string literals, about 330 calls to two retry helpers, about 30
 * of them CREATE INDEX — and a registry of about 760 lines. Teams grow such a
 * module one function per schema change; the helpers retry on lock timeouts
 * and deadlocks, so nearly every statement goes through one of them.
 */
import { join } from "node:path";
import { registryFile, write } from "./projects.js";

const TABLES = ["leads", "calls", "messages", "appointments", "invoices", "payments", "tasks", "webhooks", "users", "conversations", "businesses", "lead_notes"];

const HEADER = `# -*- coding: utf-8 -*-
"""
Schema migrations, applied in order at start-up (generated for the benchmark).

Every step goes through _execute_with_retry or _ddl_with_lock_retry: both retry
on lock timeouts and deadlocks, which the busy tables hit during deploys.
"""
from __future__ import annotations

import logging
import random
import time

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH_SIZE = 5000
MAX_BATCHES = 400
PAUSE_SECONDS = 0.05
SLOW_MIGRATION_SECONDS = 30


class _Metrics:
    slow_migrations = 0
    retried = 0
    batches = 0


METRICS = _Metrics()


def _execute_with_retry(conn, sql, params=None, attempts=MAX_ATTEMPTS):
    """Run one statement; retry on lock timeouts and deadlocks."""
    for attempt in range(attempts):
        try:
            return conn.execute(text(sql), params or {})
        except OperationalError:
            if attempt + 1 == attempts:
                raise
            METRICS.retried += 1
            time.sleep(PAUSE_SECONDS * (2 ** attempt) + random.random() / 10)
    return None


def _ddl_with_lock_retry(conn, sql, attempts=MAX_ATTEMPTS):
    """DDL under a short lock_timeout, retried, so a busy table never blocks the deploy."""
    for attempt in range(attempts):
        try:
            conn.execute(text("SET LOCAL lock_timeout = '3s'"))
            conn.execute(text(sql))
            return
        except OperationalError:
            if attempt + 1 == attempts:
                raise
            METRICS.retried += 1
            time.sleep(PAUSE_SECONDS * (attempt + 1))

`;

/** The statement of helper call `c` (0-based over the module): every eleventh is a CREATE INDEX. */
function statement(c: number, t: string): string {
  if (c % 11 === 5) return c % 2 === 0 ? `CREATE INDEX IF NOT EXISTS idx_${t}_k${c} ON ${t} (k${c})` : `CREATE UNIQUE INDEX IF NOT EXISTS uq_${t}_k${c} ON ${t} (business_id, k${c}) WHERE deleted_at IS NULL`;
  switch (c % 3) {
    case 0:
      return `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS k${c} TEXT`;
    case 1:
      return `UPDATE ${t} SET k${c - 1} = '' WHERE k${c - 1} IS NULL`;
    default:
      return `ALTER TABLE ${t} ALTER COLUMN k${c - 2} SET DEFAULT ''`;
  }
}

/** One migration function: three helper calls, a docstring, and the Python around them. */
function migration(n: number): string {
  const t = TABLES[n % TABLES.length]!;
  const call = (k: number): string => `${k % 2 === 0 ? "_execute_with_retry" : "_ddl_with_lock_retry"}(conn, "${statement(3 * n + k, t)}")`;
  const log = n % 11 === 0 ? [`    logger.info("v${n}: ${t} done in %.1fs", elapsed)`] : [];
  return [
    `def migrate_v${n}_${t}(conn, batch_size=BATCH_SIZE):`,
    `    """v${n}: columns and backfill on ${t} (OPS-${1000 + n})."""`,
    "    # Context: the change ships in steps that each hold their lock briefly,",
    "    # so the API keeps answering while the table is rewritten. The backfill",
    "    # runs in batches; a batch that hits a lock timeout is retried by the",
    "    # helper, and the loop stops early once a batch moves nothing.",
    "    started = time.monotonic()",
    "    moved_total = 0",
    "    empty_batches = 0",
    `    ${call(0)}`,
    "    for batch in range(MAX_BATCHES):",
    "        moved = batch_size if batch < 3 else 0",
    "        moved_total += moved",
    "        METRICS.batches += 1",
    "        if moved == 0:",
    "            empty_batches += 1",
    "        else:",
    "            empty_batches = 0",
    "        if empty_batches >= 2:",
    "            break",
    "        if batch % 10 == 9:",
    "            # Give autovacuum and the replicas a moment to catch up.",
    "            time.sleep(PAUSE_SECONDS)",
    `    ${call(1)}`,
    "    # Deploys on a replica set wait for the standby to replay the change;",
    "    # a long wait here usually means the standby is behind, not a problem",
    "    # with this migration.",
    "    waited = 0.0",
    "    for attempt in range(MAX_ATTEMPTS):",
    "        lag = max(0.0, 0.5 - attempt * 0.25)",
    "        if lag <= 0.0:",
    "            break",
    "        waited += lag",
    "        time.sleep(min(lag, PAUSE_SECONDS))",
    "    if waited > SLOW_MIGRATION_SECONDS:",
    "        METRICS.slow_migrations += 1",
    `    ${call(2)}`,
    "    elapsed = time.monotonic() - started",
    "    if elapsed > SLOW_MIGRATION_SECONDS:",
    "        METRICS.slow_migrations += 1",
    ...log,
    "    return moved_total",
    "",
    "",
  ].join("\n");
}

/** Functions for about 9,600 lines: 110 × 3 = 330 helper calls, 30 of them CREATE INDEX. */
const FUNCTIONS = 110;

function padding(n: number): string {
  // Real modules carry long comment blocks and retired code between steps.
  const lines = ["# ---------------------------------------------------------------------------", `# Step ${n}: notes kept from the change review.`];
  for (let k = 0; k < 38; k++) lines.push(`#   ${k % 4 === 0 ? "Rolled out behind a flag first; the flag was removed later." : k % 4 === 1 ? "Measured on a copy of production before the deploy." : k % 4 === 2 ? "Kept idempotent: re-running the step changes nothing." : "The down-migration is a manual runbook step."}`);
  lines.push("# ---------------------------------------------------------------------------", "", "");
  return lines.join("\n");
}

function realModuleText(): string {
  const out = [HEADER];
  for (let n = 0; n < FUNCTIONS; n++) out.push(migration(n), padding(n));
  out.push("MIGRATIONS = [", ...Array.from({ length: FUNCTIONS }, (_, n) => `    migrate_v${n}_${TABLES[n % TABLES.length]!},`), "]", "");
  return out.join("\n");
}

/** The line the edit-loop case changes, and its two spellings (each run flips it, so the whole-result cache always misses). */
export const EDITED = {
  from: `"ALTER TABLE leads ADD COLUMN IF NOT EXISTS k0 TEXT"`,
  to: `"ALTER TABLE leads ADD COLUMN IF NOT EXISTS k0 VARCHAR(200)"`,
};

/** The project: server/db_migrate.py and a registry of about 760 lines (106 entries). */
export function realModuleProject(work: string): string {
  const dir = join(work, "real-9600");
  write(join(dir, "server/db_migrate.py"), realModuleText());
  write(join(dir, "server/db_indexes.py"), registryFile(106));
  return dir;
}
