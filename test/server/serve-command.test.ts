import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReviewFile, parseReviewFile } from "../../src/core/review/index";
import { SCHEMA_VERSION } from "../../src/server/db/migrations";
import { pgliteDatabase } from "../../src/server/db/pglite-database";
import { commentEvent, createEvent, statusEvent } from "./support/review-server-harness";

/*
 * `npm run serve -- add-user | export | import` as a user runs them (the bundled command), on an
 * embedded database in a scratch folder.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;
let data: string;

function serve(args: string[], input?: string) {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "scripts/run-cli.mjs"), "serve", ...args, "--data", data],
    {
      cwd: ROOT,
      input: input ?? "",
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: "" },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-serve-"));
  data = join(dir, "reviews");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run serve -- add-user / export / import", () => {
  it("adds an account with the password from stdin, and refuses a short one", () => {
    const ok = serve(
      ["add-user", "Lan", "--role", "lead", "--review", "hanoi-2026"],
      "long enough pw\n",
    );
    expect(ok.err).toBe("");
    expect(ok.out).toMatch(/đã tạo tài khoản Lan: lead \(hanoi-2026\) \/ created account Lan/);
    const short = serve(
      ["add-user", "Minh", "--role", "reviewer", "--review", "hanoi-2026"],
      "short\n",
    );
    expect(short.code).toBe(2);
    expect(short.err).toMatch(
      /^Lỗi \/ Error: npm run serve -- add-user: mật khẩu cần ít nhất 8 ký tự.* \/ the password needs/m,
    );
    const role = serve(
      ["add-user", "Minh", "--role", "boss", "--review", "hanoi-2026"],
      "long enough pw\n",
    );
    expect(role.code).toBe(2);
    expect(role.err).toMatch(
      /no role "?boss"?; choose one of: admin, lead, reviewer, consultant, viewer/,
    );
  }, 120_000);

  it("imports a review file and exports the same review file back", () => {
    const created = createEvent("Lan");
    const events = [
      created,
      statusEvent("Lan", created.flagId, "confirmed", [created.eventId]),
      commentEvent("Minh", created.flagId, "đồng ý"),
    ];
    const file = join(dir, "in.review.geojson");
    writeFileSync(file, formatReviewFile(events, { exportedAt: "2026-12-05T09:00:00.000Z" }));
    const imported = serve(["import", "hanoi-2026", file]);
    expect(imported.err).toBe("");
    expect(imported.out).toMatch(
      /3 sự kiện mới.*\/ .*3 new events, 0 held already, 0 disagreements/,
    );
    const again = serve(["import", "hanoi-2026", file]);
    expect(again.out).toMatch(/0 new events, 3 held already/);
    const out = join(dir, "out.review.geojson");
    expect(serve(["export", "hanoi-2026", "--out", out]).code).toBe(0);
    const text = readFileSync(out, "utf8");
    const parsed = parseReviewFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // byte for byte the app's export of the same events, at the same time
    expect(text).toBe(formatReviewFile(events, { exportedAt: parsed.marker.exportedAt }));
  }, 180_000);

  it("refuses a bad review file naming the file and the feature, storing nothing", () => {
    const file = join(dir, "bad.review.geojson");
    const good = JSON.parse(formatReviewFile([createEvent("Lan")]));
    good.features[0].properties.status = "resolved";
    writeFileSync(file, JSON.stringify(good));
    const r = serve(["import", "hanoi-2026", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.review\.geojson: đối tượng \/ feature #0 .*properties\.status/);
  }, 120_000);

  it("refuses to start on a database newer than the code, in both languages", async () => {
    const db = await pgliteDatabase(data);
    await db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [SCHEMA_VERSION + 5]);
    await db.close();
    const r = serve(["export", "hanoi-2026"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      new RegExp(
        `^Lỗi / Error: .*reviews: cơ sở dữ liệu thẩm định ở phiên bản ${SCHEMA_VERSION + 5}, mới hơn máy chủ này .* / the review database is at schema version ${SCHEMA_VERSION + 5}, newer than this server`,
      ),
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 120_000);
});
