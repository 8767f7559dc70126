import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/*
 * A throwaway PostgreSQL cluster for tests: Debian's PostgreSQL 15 (+ PostGIS 3), initdb'd under the
 * system temp folder, listening on a Unix socket in that folder only (no TCP port, so parallel test
 * files and other users of the machine never collide), trust auth, fsync off. One helper for every
 * test that needs a real server (issue 11's PostGIS engine, issue 10's review server).
 */

const PGBIN = "/usr/lib/postgresql/15/bin";

/** A running cluster; `url` is a libpq/`pg` connection string to its `postgres` database. */
export interface PostgresCluster {
  /** Folder of the cluster; also the socket directory. */
  readonly dir: string;
  /** `postgresql://postgres@/postgres?host=<dir>`: the Unix socket, user postgres. */
  readonly url: string;
  /** A connection string to another database of the same cluster. */
  urlFor(database: string): string;
  /** Runs SQL through psql as postgres (ON_ERROR_STOP), returns stdout; throws with stderr. */
  psql(sql: string, database?: string): string;
  /** Stops the server and removes the folder. Safe to call twice. */
  stop(): void;
}

/** True when Debian's PostgreSQL 15 and the PostGIS 3 extension are installed. */
export function postgresInstalled(): boolean {
  return (
    existsSync(join(PGBIN, "initdb")) &&
    existsSync("/usr/share/postgresql/15/extension/postgis.control")
  );
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** initdb refuses to run as root: run the server tools as the `postgres` system user then. */
function asPostgres(command: string, args: string[]) {
  const [cmd, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

/**
 * Starts a fresh cluster and creates `database` (default `test`) with PostGIS enabled when
 * `postgis` is true (default). Call `stop()` in afterAll.
 */
export function startPostgresCluster(
  options: { database?: string; postgis?: boolean; settings?: Record<string, string> } = {},
): PostgresCluster {
  if (!postgresInstalled()) {
    throw new Error(
      "PostgreSQL 15 + PostGIS 3 are not installed (apt-get install postgresql postgresql-15-postgis-3)",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "plan-layers-pg-"));
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const data = join(dir, "data");
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        asPostgres(join(PGBIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already gone: nothing to stop
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres(join(PGBIN, "initdb"), [
      ...["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
    ]);
    const settings = {
      listen_addresses: "''",
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
      jit: "off",
      ...options.settings,
    };
    const opts = [`-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)];
    asPostgres(join(PGBIN, "pg_ctl"), [
      ...[
        "-D",
        data,
        "-l",
        join(dir, "postgres.log"),
        "-w",
        "-t",
        "60",
        "-o",
        opts.join(" "),
        "start",
      ],
    ]);
    running = true;
    const urlFor = (database: string) =>
      `postgresql://postgres@/${encodeURIComponent(database)}?host=${encodeURIComponent(dir)}`;
    const psql = (sql: string, database = "postgres") => {
      const r = spawnSync(
        "psql",
        [
          "-X",
          "-q",
          "-A",
          "-t",
          "-v",
          "ON_ERROR_STOP=1",
          "-h",
          dir,
          "-U",
          "postgres",
          "-d",
          database,
        ],
        { input: sql, encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    };
    const database = options.database ?? "test";
    psql(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    if (options.postgis ?? true) psql("CREATE EXTENSION postgis", database);
    return { dir, url: urlFor(database), urlFor, psql, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function idOf(flag: "-u" | "-g", user: string): number {
  const r = spawnSync("id", [flag, user], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`no system user ${user}: ${r.stderr}`);
  return Number(r.stdout.trim());
}
const uidOf = (user: string) => idOf("-u", user);
const gidOf = (user: string) => idOf("-g", user);
