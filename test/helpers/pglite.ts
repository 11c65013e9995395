import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { AddressInfo } from "node:net";

/**
 * PostgreSQL compiled to WebAssembly, served on 127.0.0.1 through
 * pglite-socket, so `index-audit db` reaches it with the same node-postgres
 * code as a real server. Starting one costs seconds: a test file shares one
 * and gives each case its own schema.
 */
export interface EmbeddedPostgres {
  /** `postgresql://postgres:<password>@127.0.0.1:<port>/postgres` (PGlite accepts any password). */
  url: string;
  port: number;
  /** Runs setup SQL directly (not through the socket), in PGlite's one session. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function startEmbeddedPostgres(password = "s3cret-pw"): Promise<EmbeddedPostgres> {
  // pg_trgm: real projects index text search with gin_trgm_ops (the example project does).
  const db = await PGlite.create({ extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 8 });
  await server.start();
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    exec: async (sql) => {
      // PGlite has one session, shared with the socket's clients: index-audit's read-only setting must not stick to the setup.
      // (A statement of its own: a setting takes effect at the next transaction.)
      await db.exec("SET default_transaction_read_only = off");
      await db.exec(sql);
    },
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
