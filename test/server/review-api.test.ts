import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FlagEvent,
  foldFlags,
  formatReviewFile,
  parseReviewFile,
} from "../../src/core/review/index";
import type { Database } from "../../src/server/db/database";
import { DatabaseTooNewError, migrate, SCHEMA_VERSION } from "../../src/server/db/migrations";
import { LOGIN_LIMITS, SERVER_ID } from "../../src/server/review-api";
import {
  addUser,
  type Client,
  client,
  commentEvent,
  createEvent,
  ENGINES,
  type Engine,
  signIn,
  statusEvent,
  testApp,
  testDatabase,
} from "./support/review-server-harness";

/*
 * The review API against each engine (PGlite, and Debian's PostgreSQL when installed): the same
 * requests, the same answers.
 */

const REVIEW = "hanoi-2026";

describe.each(ENGINES)("review API on %s", (engine: Engine) => {
  let db: Database;
  let app: Hono;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await testDatabase(engine);
    db = opened.db;
    stop = opened.stop;
    app = testApp(db);
    await addUser(db, "Lan", "lead", REVIEW);
    await addUser(db, "Minh", "reviewer", REVIEW);
    await addUser(db, "Hoa", "reviewer", REVIEW);
    await addUser(db, "Tuan", "reviewer", "other-review");
  }, 120_000);
  afterAll(async () => stop?.());

  // one sign-in per account (scrypt is slow on purpose)
  const signed = new Map<string, Promise<Client>>();
  const who = (name: string): Promise<Client> => {
    let session = signed.get(name);
    if (!session) {
      session = signIn(app, name);
      signed.set(name, session);
    }
    return session;
  };

  const events = async (reader: Client, after = 0) => {
    const res = await reader.get(`/api/reviews/${REVIEW}/events?after=${after}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { events: FlagEvent[]; seq: number; more: boolean };
  };

  it("says what it is before anyone signs in (how the app finds the server)", async () => {
    const res = await client(app, "anyone").get("/api/session");
    expect(await res.json()).toEqual({ server: SERVER_ID, user: null, reviews: [] });
  });

  it("signs in with an HttpOnly, SameSite=Strict cookie and lists the member's reviews", async () => {
    const res = await client(app, "Minh").post("/api/login", {
      name: "Minh",
      password: "correct horse battery",
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = await res.json();
    expect(body.user).toEqual({ name: "Minh", admin: false });
    expect(body.reviews).toEqual([{ id: REVIEW, title: REVIEW, role: "reviewer", closed: false }]);
  });

  it("refuses a wrong password, and stops trying after the limit even with the right one", async () => {
    await addUser(db, "Guessed", "viewer", REVIEW);
    const anon = client(app, "x");
    const wrong = await anon.post("/api/login", { name: "Guessed", password: "nope" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.en).toMatch(/wrong name or password/);
    for (let i = 1; i < LOGIN_LIMITS.perName.limit; i++) {
      await anon.post("/api/login", { name: "Guessed", password: `nope${i}` });
    }
    const limited = await anon.post("/api/login", {
      name: "Guessed",
      password: "correct horse battery",
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.vi).toMatch(/thử lại sau/);
  });

  it("an unknown name is refused as a wrong password is (names are not told)", async () => {
    const res = await client(app, "x").post("/api/login", { name: "Nobody", password: "nope" });
    expect(res.status).toBe(401);
    expect((await res.json()).error.en).toMatch(/wrong name or password/);
  });

  it("stores events, and another reviewer reads them after their last sequence number", async () => {
    const minh = await who("Minh");
    const hoa = await who("Hoa");
    const start = (await events(hoa)).seq;
    const created = createEvent("Minh");
    const res = await minh.send(REVIEW, [created]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, added: 1, duplicates: 0 });
    const read = await events(hoa, start);
    expect(read.events).toEqual([created]);
    expect((await events(hoa, read.seq)).events).toEqual([]);
  });

  it("a resent batch is stored once (the app resends after a lost answer)", async () => {
    const minh = await who("Minh");
    const batch = [createEvent("Minh")];
    expect((await (await minh.send(REVIEW, batch)).json()).added).toBe(1);
    const again = await (await minh.send(REVIEW, batch)).json();
    expect(again).toMatchObject({ added: 0, duplicates: 1 });
  });

  it("two reviewers changing one flag at once both stay in its history, as a disagreement", async () => {
    const minh = await who("Minh");
    const hoa = await who("Hoa");
    const created = createEvent("Minh");
    await minh.send(REVIEW, [created]);
    // both saw only the creation
    const a = statusEvent("Minh", created.flagId, "confirmed", [created.eventId]);
    const b = statusEvent("Hoa", created.flagId, "resolved", [created.eventId]);
    const [ra, rb] = await Promise.all([minh.send(REVIEW, [a]), hoa.send(REVIEW, [b])]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const all = (await events(minh)).events;
    const flag = foldFlags(all).get(created.flagId);
    expect(flag?.history.map((e) => e.eventId)).toEqual([created.eventId, a.eventId, b.eventId]);
    expect(flag?.disagreement).toBe(true);
    expect((await rb.json()).disagreements.map((d: { flagId: string }) => d.flagId)).toContain(
      created.flagId,
    );
    // the lead settles it: a new event, the two statuses stay in the history
    const lan = await who("Lan");
    const settle = statusEvent("Lan", created.flagId, "confirmed", [a.eventId, b.eventId], {
      comment: "theo quy hoạch vùng",
      settles: true,
    });
    expect((await lan.send(REVIEW, [settle])).status).toBe(200);
    const settled = foldFlags((await events(lan)).events).get(created.flagId);
    expect(settled?.disagreement).toBe(false);
    expect(settled?.history).toHaveLength(4);
  });

  it("an event id sent again with other content is refused, nothing stored (as the file merge)", async () => {
    const minh = await who("Minh");
    const created = createEvent("Minh");
    await minh.send(REVIEW, [created]);
    const before = (await events(minh)).seq;
    if (created.type !== "create" || created.target.kind !== "finding") throw new Error("setup");
    const altered: FlagEvent = {
      ...created,
      target: { kind: "finding", finding: { ...created.target.finding, rule: "other" } },
    };
    const extra = commentEvent("Minh", created.flagId, "kèm theo");
    const res = await minh.send(REVIEW, [extra, altered]);
    expect(res.status).toBe(409);
    expect((await res.json()).error.en).toMatch(/differs from the stored event/);
    expect((await events(minh)).seq).toBe(before);
  });

  it("refuses a history the app would never write (a status change not allowed)", async () => {
    const minh = await who("Minh");
    const created = createEvent("Minh");
    const resolved = statusEvent("Minh", created.flagId, "resolved", [created.eventId]);
    await minh.send(REVIEW, [created, resolved]);
    const bad = statusEvent("Minh", created.flagId, "confirmed", [resolved.eventId]);
    const res = await minh.send(REVIEW, [bad]);
    expect(res.status).toBe(422);
    expect((await res.json()).error.en).toMatch(/cannot change to/);
  });

  it("refuses an event signed with another member's name", async () => {
    const minh = await who("Minh");
    const res = await minh.send(REVIEW, [createEvent("Hoa")]);
    expect(res.status).toBe(403);
    expect((await res.json()).error.en).toMatch(/signed "Hoa"|signed Hoa/);
  });

  it("checks every body with zod: the field and the issue, in both languages", async () => {
    const minh = await who("Minh");
    const e = { ...createEvent("Minh"), eventId: "not-hex" };
    const res = await minh.send(REVIEW, [e]);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.en).toMatch(/^events\.0\.eventId: an event id is 32 lowercase hex digits/);
    expect(error.vi).toMatch(/mã sự kiện/);
    const extraKey = await minh.post(`/api/reviews/${REVIEW}/events`, { events: [], more: 1 });
    expect(extraKey.status).toBe(400);
    const notJson = await minh.post(`/api/reviews/${REVIEW}/events`, "{", {});
    expect(notJson.status).toBe(400);
    const form = await minh.post(`/api/reviews/${REVIEW}/events`, "a=1", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
  });

  it("refuses a body over the size limit before reading it", async () => {
    const minh = await who("Minh");
    const huge = JSON.stringify({ events: [], pad: "x".repeat(5 * 1024 * 1024) });
    const res = await minh.post(`/api/reviews/${REVIEW}/events`, huge);
    expect(res.status).toBe(413);
    expect((await res.json()).error.en).toMatch(/larger than/);
  });

  it("refuses a cross-site request (another origin's page using the reviewer's cookie)", async () => {
    const minh = await who("Minh");
    const evil = await minh.post(
      `/api/reviews/${REVIEW}/events`,
      { events: [createEvent("Minh")] },
      {
        origin: "https://evil.example",
      },
    );
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.en).toMatch(/cross-site/);
    const site = await minh.post("/api/logout", {}, { "sec-fetch-site": "cross-site" });
    expect(site.status).toBe(403);
    const own = await minh.post(
      `/api/reviews/${REVIEW}/events`,
      { events: [createEvent("Minh")] },
      {
        origin: "http://localhost",
      },
    );
    expect(own.status).toBe(200);
  });

  it("sends a Content-Security-Policy without inline script on every answer", async () => {
    const res = await client(app, "x").get("/login");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(await res.text()).not.toMatch(/<script/);
  });

  it("asks for a session on every review address", async () => {
    const res = await client(app, "x").get(`/api/reviews/${REVIEW}/events`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.vi).toMatch(/đăng nhập/);
  });

  it("a member of another review finds nothing here, the same as a review that does not exist", async () => {
    const tuan = await who("Tuan");
    for (const slug of [REVIEW, "no-such-review"]) {
      const res = await tuan.get(`/api/reviews/${slug}/events`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.en).toMatch(/or you are not a member/);
    }
  });

  it("keeps events append-only in the database itself", async () => {
    await expect(db.query("UPDATE events SET body = '{}'")).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM events")).rejects.toThrow(/append-only/);
  });

  it("exports the review file the app exports, and imports one back", async () => {
    const lan = await who("Lan");
    const res = await lan.get(`/api/reviews/${REVIEW}/export`);
    expect(res.headers.get("content-type")).toMatch(/geo\+json/);
    const text = await res.text();
    const all = (await events(lan)).events;
    const exportedAt = parseReviewFile(text);
    expect(exportedAt.ok).toBe(true);
    if (!exportedAt.ok) return;
    expect(text).toBe(
      formatReviewFile(all, { exportedAt: exportedAt.marker.exportedAt, exportedBy: "Lan" }),
    );
    // a file from elsewhere: one new flag, the rest held already
    const outside = createEvent("Someone Else");
    const file = formatReviewFile([...all, outside]);
    const imported = await lan.post(`/api/reviews/${REVIEW}/import`, file);
    expect(await imported.json()).toMatchObject({ ok: true, added: 1, duplicates: all.length });
  });

  it("migrations run once, and a database newer than the code is refused, untouched", async () => {
    expect(await migrate(db)).toEqual([]);
    await db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [SCHEMA_VERSION + 1]);
    try {
      const refused = await migrate(db).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DatabaseTooNewError);
      const text = (refused as DatabaseTooNewError).text;
      expect(text.vi).toMatch(/mới hơn máy chủ này/);
      expect(text.en).toMatch(new RegExp(`version ${SCHEMA_VERSION + 1}, newer than this server`));
    } finally {
      await db.query("DELETE FROM schema_migrations WHERE version = $1", [SCHEMA_VERSION + 1]);
    }
  });

  it("refuses a sequence number that is not one", async () => {
    const minh = await who("Minh");
    for (const after of ["-1", "x", "1e99"]) {
      const res = await minh.get(`/api/reviews/${REVIEW}/events?after=${after}`);
      expect(res.status).toBe(400);
    }
  });
});
