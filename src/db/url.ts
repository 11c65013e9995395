import { UsageError } from "../errors.js";

/** What node-postgres needs to connect, read from a `postgresql://` URL. */
export interface ConnectionSettings {
  host: string;
  port: number;
  user: string | null;
  password: string | null;
  database: string | null;
  /** `sslmode`: off (disable, allow, prefer), encrypt without checking the certificate (require), or verify it. */
  tls: "off" | "require" | "verify";
  /** The URL with its password masked, for every message. */
  shown: string;
}

const SSL_MODES: Record<string, ConnectionSettings["tls"]> = {
  disable: "off",
  allow: "off",
  prefer: "off",
  require: "require",
  "verify-ca": "verify",
  "verify-full": "verify",
};

/**
 * Parses `postgresql://user:password@host:port/database?sslmode=…` (also
 * `postgres://`; `?host=/run/postgresql` for a Unix socket directory). The
 * URL is read here rather than by node-postgres so that sslmode means what
 * libpq says it means and no warning reaches the output. Errors never show
 * the password.
 */
export function parseDatabaseUrl(text: string, flag: string): ConnectionSettings {
  const shown = maskUrl(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag}: not a URL (expected postgresql://user:password@host:port/database): ${shown}`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:")
    throw new UsageError(`${flag}: ${shown}: the scheme must be postgresql:// or postgres://`);
  const params = url.searchParams;
  const socketDir = params.get("host");
  const host = socketDir ?? decode(url.hostname.replace(/^\[(.*)\]$/, "$1"));
  if (host === "") throw new UsageError(`${flag}: ${shown}: no host`);
  const port = url.port === "" ? Number(params.get("port") ?? 5432) : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${flag}: ${shown}: bad port`);
  const mode = params.get("sslmode") ?? "disable";
  const tls = SSL_MODES[mode];
  if (tls === undefined) throw new UsageError(`${flag}: ${shown}: unknown sslmode '${mode}' (use ${Object.keys(SSL_MODES).join(", ")})`);
  const database = decode(url.pathname.replace(/^\//, ""));
  return {
    host,
    port,
    user: url.username === "" ? null : decode(url.username),
    password: url.password !== "" ? decode(url.password) : params.get("password"),
    database: database === "" ? null : database,
    tls,
    shown,
  };
}

/** The URL with the password replaced by `***` (also when the URL does not parse). */
export function maskUrl(text: string): string {
  // Anchored at the start, one backtracking run: the password ends at the last `@` before any `/`.
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^/\s]*@/i, "$1***@").replace(/([?&]password=)[^&]*/gi, "$1***");
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
