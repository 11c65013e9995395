import pg from "pg";
import { InputError } from "../errors.js";
import { readCatalog, type QueryFn, type SessionSettings } from "./catalog-queries.js";
import type { CatalogSnapshot } from "./snapshot.js";
import type { ConnectionSettings } from "./url.js";

/**
 * The one place index-audit talks to a database (node-postgres). It connects,
 * makes the session read-only, reads the snapshot and disconnects; every
 * failure becomes one line naming the URL with its password masked.
 */
export interface ConnectOptions {
  /** Seconds to wait for the connection (and the server's first answers). */
  connectTimeoutSeconds: number;
  /** null: the connection's search_path. */
  schemas: readonly string[] | null;
  session: SessionSettings;
  /** Wraps each query (tests count them). */
  observe?: (text: string) => void;
}

export const DEFAULT_SESSION: SessionSettings = { statementTimeoutMs: 30_000, lockTimeoutMs: 5_000, applicationName: "index-audit" };

export async function readDatabase(settings: ConnectionSettings, options: ConnectOptions): Promise<CatalogSnapshot> {
  const client = new pg.Client({
    host: settings.host,
    port: settings.port,
    ...(settings.user !== null ? { user: settings.user } : {}),
    ...(settings.password !== null ? { password: settings.password } : {}),
    ...(settings.database !== null ? { database: settings.database } : {}),
    ssl: settings.tls === "off" ? false : { rejectUnauthorized: settings.tls === "verify" },
    connectionTimeoutMillis: Math.round(options.connectTimeoutSeconds * 1000),
    application_name: options.session.applicationName,
    // Read-only from the first statement on servers that take startup options; the setup query makes sure of it everywhere.
    options: "-c default_transaction_read_only=on",
    query_timeout: options.session.statementTimeoutMs + options.connectTimeoutSeconds * 1000,
  });
  // Errors after the connection (the server going away) arrive as events: without a listener they would crash the process.
  // Declared wide: the listener assigns it, which narrowing at the declaration cannot see.
  let late = null as Error | null;
  client.on("error", (e) => {
    late = e;
  });
  try {
    // node-postgres's connection timeout runs until the server is ready for queries, so it covers a server that accepts and never answers.
    await client.connect();
  } catch (e) {
    const timedOut = /timeout/i.test((e as Partial<Error>).message ?? "");
    throw timedOut ? new InputError(`cannot connect to ${settings.shown}: no answer within ${options.connectTimeoutSeconds} s (--connect-timeout)`) : connectionError(e, settings);
  }
  const query: QueryFn = async (text, params) => {
    options.observe?.(text);
    const result = await client.query(text, [...params]);
    return result.rows as Record<string, unknown>[];
  };
  try {
    // One snapshot for all the catalogs, so an index created between two queries cannot half appear.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = await readCatalog(query, options.schemas, options.session);
    await client.query("COMMIT");
    return snapshot;
  } catch (e) {
    throw connectionError(late ?? e, settings, "cannot read the catalog of");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server's or the socket's error as one line; the password never appears. */
function connectionError(e: unknown, settings: Pick<ConnectionSettings, "shown" | "password" | "tls">, doing = "cannot connect to"): InputError {
  const err = e as { code?: string; message?: string };
  let why: string;
  switch (err.code) {
    case "ECONNREFUSED":
      why = "connection refused (is the server running, and on that port?)";
      break;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      why = "host not found";
      break;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      why = "host unreachable";
      break;
    case "ECONNRESET":
      why = "the server closed the connection";
      break;
    case "28P01":
    case "28000":
    case "3D000":
    case "42501":
    case "57014":
    case "55P03":
      why = err.message ?? err.code;
      break;
    default:
      why = err.message ?? String(e);
      if (/Connection terminated unexpectedly/i.test(why)) why = "the connection was closed before the server answered";
      else if (/does not support SSL/i.test(why)) why = "the server does not accept TLS, and the URL requires it (sslmode)";
      else if (/self[- ]signed|certificate/i.test(why)) why = `TLS certificate not accepted: ${why}`;
  }
  let line = `${doing} ${settings.shown}: ${why}`.replace(/\s*\n\s*/g, " ");
  if (settings.password) line = line.split(settings.password).join("***");
  return new InputError(line);
}
