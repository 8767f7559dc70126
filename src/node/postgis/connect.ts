import pg from "pg";
import { CheckInputError, errorLine } from "../check-error";

/** What a message shows in place of a connection string or a password. */
const MASK = "***";

/**
 * The parts of a connection string that say where and who: its host, socket folder, user,
 * password. Read by hand: `new URL` refuses a user with an empty host (`postgres://u:p@/db?host=/run`),
 * which libpq and pg accept.
 */
function secretsOf(url: string): string[] {
  const decode = (part: string | undefined) => {
    try {
      return decodeURIComponent(part ?? "");
    } catch {
      return part ?? "";
    }
  };
  const head = /^[a-z][a-z0-9+.-]*:\/\/(?:([^:@/?]*)(?::([^@/?]*))?@)?([^/?]*)/i.exec(url);
  const query = url.includes("?") ? new URLSearchParams(url.slice(url.indexOf("?") + 1)) : null;
  return [
    decode(head?.[1]),
    decode(head?.[2]),
    // host:port, or several of them separated by commas
    ...decode(head?.[3])
      .split(",")
      .map((host) => host.replace(/:\d*$/, "")),
    ...["host", "hostaddr", "user", "password"].map((key) => query?.get(key) ?? ""),
  ];
}

/**
 * `text` with the connection string and everything in it that says where the database is and who
 * logs in (host, socket folder, user, password) replaced by ***, and any other `postgres://…`
 * address too: a connection string may hold a password, so no log line or error message ever shows
 * one, nor the rest of it.
 */
export function maskSecrets(text: string, url?: string): string {
  let out = text;
  if (url) {
    out = out.replaceAll(url, `postgres://${MASK}`);
    // longest first, so a host holding the user name is masked whole
    const secrets = secretsOf(url)
      .filter((secret) => secret.length >= 3)
      .sort((a, b) => b.length - a.length);
    for (const secret of secrets) out = out.replaceAll(secret, MASK);
  }
  return out
    .replace(/postgres(?:ql)?:\/\/\S*/gi, `postgres://${MASK}`)
    .replace(/password\s*=\s*\S+/gi, `password=${MASK}`);
}

/** The `--database` error line: what failed, the server's reason (masked), what to do. */
function databaseError(vi: string, en: string, reason: string): CheckInputError {
  const why = reason ? ` (${reason})` : "";
  return new CheckInputError([errorLine("--database", { vi: `${vi}${why}`, en: `${en}${why}` })]);
}

/** The technical reason of a failure, masked. */
const reasonOf = (error: unknown, url: string) =>
  maskSecrets(error instanceof Error ? error.message : String(error), url);

/**
 * Connects to the database at `url` and checks it has PostGIS. Errors name `--database`, never the
 * address itself.
 *
 * @throws CheckInputError (exit 2) when the server cannot be reached, refuses the login, or the
 *   database has no PostGIS
 */
export async function openDatabase(url: string): Promise<pg.Client> {
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 15_000,
      application_name: "plan-layers check",
    });
    // a connection lost later is reported by the query that needed it, not as an unhandled event
    client.on("error", () => undefined);
    await client.connect();
  } catch (error) {
    throw databaseError(
      "không kết nối được cơ sở dữ liệu; kiểm tra địa chỉ, tên người dùng và mật khẩu, và máy chủ đang chạy",
      "cannot connect to the database; check the address, user name and password, and that the server is running",
      reasonOf(error, url),
    );
  }
  try {
    const found = await client.query<{ v: string }>(
      "SELECT extversion AS v FROM pg_extension WHERE extname = 'postgis'",
    );
    if (found.rows.length === 0) {
      throw databaseError(
        "cơ sở dữ liệu chưa có PostGIS: chạy CREATE EXTENSION postgis; (cần quyền tạo extension)",
        "the database has no PostGIS: run CREATE EXTENSION postgis; (needs the right to create extensions)",
        "",
      );
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    if (error instanceof CheckInputError) throw error;
    throw databaseError(
      "không đọc được danh sách extension của cơ sở dữ liệu",
      "cannot read the database's extensions",
      reasonOf(error, url),
    );
  }
  return client;
}
