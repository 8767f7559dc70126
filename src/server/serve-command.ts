import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatReviewFile } from "../core/review/index";
import { type MemberRole, REVIEW_ROLES } from "../core/review/review-roles";
import { showValue } from "../core/text/show-value";
import { bilingual, CheckInputError, inputError, shownPath } from "../node/check-error";
import type { Database } from "./db/database";
import { DatabaseTooNewError } from "./db/migrations";
import { DEFAULT_DATA_FOLDER, openDatabase } from "./db/open-database";
import { hashPassword } from "./passwords";
import { readPassword } from "./read-password";
import { reviewSlugSchema, userNameSchema } from "./request-schemas";
import { importReviewText } from "./review-import";
import { allEvents, ensureReview, findReview, saveUser, setMembership } from "./review-repository";
import { listen, serverApp } from "./server-app";

/*
 * `npm run serve -- [command] [options]`: the review server and its administration commands. Every
 * command opens the same database (DATABASE_URL, or the embedded one in --data) and migrates it.
 */

const USAGE = `npm run serve                                   start the server (--port 8080 --host 127.0.0.1 --data ${DEFAULT_DATA_FOLDER} --dist dist)
npm run serve -- add-user NAME --role ROLE [--review ID] [--title TEXT]
                                                 create an account (password from stdin or a prompt);
                                                 ROLE: ${REVIEW_ROLES.join(", ")}; all but admin need --review
npm run serve -- export REVIEW [--out FILE]     write the review file (.geojson) of a review
npm run serve -- import REVIEW FILE             merge a review file into a review (created if new)
Environment: DATABASE_URL=postgresql://… uses that PostgreSQL server instead of the embedded one;
PLAN_LAYERS_ORIGIN=https://… is the address users open when a proxy is in front.`;

type Options = Map<string, string>;

const VALUED = new Set([
  "--port",
  "--host",
  "--data",
  "--dist",
  "--role",
  "--review",
  "--title",
  "--out",
]);

/** Positional arguments and `--name value` options; an unknown or valueless option is an input error. */
function parseArgs(args: readonly string[]): { positional: string[]; options: Options } {
  const positional: string[] = [];
  const options: Options = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (!VALUED.has(arg)) {
      throw inputError(`npm run serve ${arg}`, {
        vi: `không có tuỳ chọn ${showValue(arg)}; xem npm run serve -- help`,
        en: `no option ${showValue(arg)}; see npm run serve -- help`,
      });
    }
    if (value === undefined || value.startsWith("--")) {
      throw inputError(`npm run serve ${arg}`, {
        vi: "thiếu giá trị sau tuỳ chọn",
        en: "the option needs a value",
      });
    }
    options.set(arg, value);
    i++;
  }
  return { positional, options };
}

function reviewSlug(value: string | undefined, where: string): string {
  if (value !== undefined && reviewSlugSchema.safeParse(value).success) return value;
  throw inputError(where, {
    vi: `mã cuộc thẩm định ${showValue(value ?? "")} không hợp lệ: 1–63 chữ thường không dấu, chữ số hoặc gạch ngang, ví dụ hanoi-2026`,
    en: `review id ${showValue(value ?? "")} is not valid: 1–63 lowercase letters, digits or dashes, e.g. hanoi-2026`,
  });
}

/** Where the commands keep the reviews: DATABASE_URL, or the embedded database's folder. */
function storeOf(options: Options): { databaseUrl?: string; folder: string; where: string } {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const folder = resolve(options.get("--data") ?? DEFAULT_DATA_FOLDER);
  return { databaseUrl, folder, where: databaseUrl ? "DATABASE_URL" : shownPath(folder) };
}

/** The review database, opened and migrated; what stops it is said as an input error. */
async function open(options: Options): Promise<Database> {
  const { databaseUrl, folder, where } = storeOf(options);
  try {
    return await openDatabase({ databaseUrl, folder });
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw inputError(where, error.text);
    const detail = error instanceof Error ? error.message : String(error);
    throw inputError(where, {
      vi: `không mở được cơ sở dữ liệu thẩm định (${detail}): kiểm tra DATABASE_URL hoặc thư mục --data`,
      en: `cannot open the review database (${detail}): check DATABASE_URL or the --data folder`,
    });
  }
}

async function withDatabase<T>(options: Options, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await open(options);
  try {
    return await work(db);
  } finally {
    await db.close().catch(() => {});
  }
}

async function addUser(positional: string[], options: Options): Promise<void> {
  const where = "npm run serve -- add-user";
  const name = userNameSchema.safeParse(positional[1]);
  if (!name.success) {
    throw inputError(where, {
      vi: "thiếu tên tài khoản (1–100 ký tự): add-user TÊN --role VAI_TRÒ",
      en: "the account name is missing (1–100 characters): add-user NAME --role ROLE",
    });
  }
  const role = options.get("--role");
  if (!role || !(REVIEW_ROLES as readonly string[]).includes(role)) {
    throw inputError(`${where} --role`, {
      vi: `vai trò ${showValue(role ?? "")} không có; chọn một trong: ${REVIEW_ROLES.join(", ")}`,
      en: `no role ${showValue(role ?? "")}; choose one of: ${REVIEW_ROLES.join(", ")}`,
    });
  }
  const admin = role === "admin";
  const slug =
    options.has("--review") || !admin
      ? reviewSlug(options.get("--review"), `${where} --review`)
      : null;
  if (slug && admin) {
    throw inputError(`${where} --review`, {
      vi: "quản trị có quyền trên mọi cuộc thẩm định: bỏ --review",
      en: "an admin has every review: leave out --review",
    });
  }
  const password = await readPassword(`Mật khẩu cho / Password for ${name.data}: `);
  if (password.length < 8) {
    throw inputError(where, {
      vi: "mật khẩu cần ít nhất 8 ký tự (đọc từ dòng đầu của stdin hoặc nhập khi được hỏi)",
      en: "the password needs at least 8 characters (the first line of stdin, or typed at the prompt)",
    });
  }
  const hash = await hashPassword(password);
  await withDatabase(options, async (db) => {
    const { user, created } = await db.transaction(async (sql) => {
      const saved = await saveUser(sql, name.data, hash, admin);
      if (slug && !admin) {
        const review = await ensureReview(sql, slug, options.get("--title") ?? slug);
        await setMembership(sql, review.id, saved.user.id, role as MemberRole);
      }
      return saved;
    });
    const what = created
      ? { vi: "đã tạo tài khoản", en: "created account" }
      : { vi: "đã cập nhật tài khoản", en: "updated account" };
    const scope = slug ? ` (${slug})` : "";
    console.log(
      bilingual({
        vi: `${what.vi} ${user.name}: ${role}${scope}`,
        en: `${what.en} ${user.name}: ${role}${scope}`,
      }),
    );
  });
}

async function exportReview(positional: string[], options: Options): Promise<void> {
  const slug = reviewSlug(positional[1], "npm run serve -- export");
  await withDatabase(options, async (db) => {
    const review = await findReview(db, slug);
    if (!review) {
      throw inputError(`npm run serve -- export ${slug}`, {
        vi: "không có cuộc thẩm định này trong cơ sở dữ liệu",
        en: "no such review in the database",
      });
    }
    const text = formatReviewFile(await allEvents(db, review.id));
    const out = options.get("--out");
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
  });
}

async function importReview(positional: string[], options: Options): Promise<void> {
  const slug = reviewSlug(positional[1], "npm run serve -- import");
  const file = positional[2];
  if (!file || !existsSync(file)) {
    throw inputError(`npm run serve -- import ${slug} ${file ?? ""}`.trim(), {
      vi: "không thấy tệp thẩm định (.geojson) cần nhập",
      en: "the review file (.geojson) to import is not there",
    });
  }
  const text = readFileSync(file, "utf8");
  await withDatabase(options, async (db) => {
    const review = await ensureReview(db, slug);
    const outcome = await importReviewText(db, review, text, shownPath(file));
    if (!outcome.ok) throw new CheckInputError(outcome.lines);
    console.log(
      bilingual({
        vi: `${shownPath(file)} → ${slug}: ${outcome.added} sự kiện mới, ${outcome.duplicates} đã có, ${outcome.disagreements.length} bất đồng cần phân xử`,
        en: `${shownPath(file)} → ${slug}: ${outcome.added} new events, ${outcome.duplicates} held already, ${outcome.disagreements.length} disagreements to settle`,
      }),
    );
  });
}

async function startServer(options: Options): Promise<void> {
  const port = Number(options.get("--port") ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw inputError("npm run serve --port", {
      vi: "cổng là số từ 0 đến 65535",
      en: "the port is a number from 0 to 65535",
    });
  }
  const host = options.get("--host") ?? "127.0.0.1";
  const dist = resolve(options.get("--dist") ?? "dist");
  const distDir = existsSync(resolve(dist, "index.html")) ? dist : null;
  const { databaseUrl, folder } = storeOf(options);
  const db = await open(options);
  const app = serverApp({ db, distDir, publicOrigin: process.env.PLAN_LAYERS_ORIGIN || undefined });
  const server = await listen(app, port, host);
  const store = databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite ${shownPath(folder)}`;
  console.log(`plan-layers review server: http://${host}:${server.port}/ — ${store}`);
  if (!distDir) {
    console.log(
      bilingual({
        vi: `chưa có bản dựng ${shownPath(dist)}/index.html: chạy npm run build để phục vụ ứng dụng; API vẫn chạy`,
        en: `no build at ${shownPath(dist)}/index.html: run npm run build to serve the app; the API runs anyway`,
      }),
    );
  }
  const stop = async () => {
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

/** Runs `npm run serve -- …`. */
export async function runServeCommand(args: readonly string[]): Promise<void> {
  const { positional, options } = parseArgs(args);
  const command = positional[0] ?? "start";
  switch (command) {
    case "start":
      return startServer(options);
    case "add-user":
      return addUser(positional, options);
    case "export":
      return exportReview(positional, options);
    case "import":
      return importReview(positional, options);
    case "help":
      console.log(USAGE);
      return;
    default:
      throw inputError(`npm run serve -- ${command}`, {
        vi: `không có lệnh ${showValue(command)}; các lệnh: add-user, export, import, help`,
        en: `no command ${showValue(command)}; the commands: add-user, export, import, help`,
      });
  }
}
