import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL cluster from Debian's binaries: created in a
 * temporary directory, listening on 127.0.0.1 on a free port, stopped and
 * removed by `stop()` (call it from `after`, which runs even when a test
 * fails). initdb refuses to run as root, so as root the cluster belongs to
 * the `postgres` user the Debian package creates.
 */
export interface PostgresServer {
  port: number;
  /** The superuser's password (scram-sha-256 over TCP). */
  password: string;
  url(database?: string, user?: string, password?: string): string;
  /** Runs a script with psql, statement by statement as a migration tool would (a CREATE INDEX CONCURRENTLY too); throws on the first error. */
  psql(script: string, database?: string): void;
  /** `psql -f file`: psql's `\\ir` in it is found from the file's directory. */
  psqlFile(file: string, database?: string): void;
  stop(): void;
}

export async function startPostgresServer(pgHba: string): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "index-audit-pg-"));
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const run = (cmd: string, args: string[]): void => {
    const [c, a] = owner ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(c, a, { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.error?.message ?? ""}${r.stderr}${r.stdout}`);
  };
  const password = "pg-Super-5ecret";
  const port = await freePort();
  const data = join(dir, "data");
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, password);
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  let started = false;
  const server: PostgresServer = {
    port,
    password,
    url: (database = "postgres", user = "postgres", pw = password) => `postgresql://${user}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`,
    psql: (script, database = "postgres") => {
      const r = spawnSync(join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", server.url(database)], { input: script, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`psql failed: ${r.error?.message ?? ""}${r.stderr}`);
    },
    psqlFile: (file, database = "postgres") => {
      const r = spawnSync(join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, server.url(database)], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`psql failed: ${r.error?.message ?? ""}${r.stderr}`);
    },
    stop: () => {
      if (!existsSync(dir)) return;
      if (started) spawnSync(owner ? "runuser" : join(bin, "pg_ctl"), owner ? ["-u", "postgres", "--", join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"] : ["-D", data, "-m", "immediate", "-w", "stop"], { cwd: dir });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // Also when the test process ends without running `after` (an uncaught error, process.exit).
  process.once("exit", () => server.stop());
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "--no-sync", "-E", "UTF8", "--locale=C"]);
    writeFileSync(join(data, "pg_hba.conf"), pgHba);
    run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`, "start"]);
    started = true;
  } catch (e) {
    server.stop();
    throw e;
  }
  return server;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions[0]) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql");
  return join(root, versions[0], "bin");
}

function postgresUser(): { uid: number; gid: number } {
  const r = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (r.status !== 0 || g.status !== 0) throw new Error("running as root, and there is no postgres user to own the cluster");
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
