import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../../src/core/check/index";
import { flagIdForFinding } from "../../../src/core/review/index";
import type { Database } from "../../../src/server/db/database";
import {
  createServerFlagStore,
  type FlagStore,
  findReviewServer,
  type ServerSession,
} from "../../../src/state/flag-store/index";
import {
  addUser,
  newFindingId,
  testApp,
  testDatabase,
} from "../../server/support/review-server-harness";
import { failed, manualClock, saved, until } from "./store-helpers";

/*
 * The app's server-backed flag store against the review server itself (in-process, PGlite): other
 * reviewers' changes arrive with the next poll, a concurrent status change shows as a
 * disagreement, changes made while the server is unreachable are queued and sent when it is back,
 * and a change the role may not make is refused at once.
 */

const REVIEW = "hanoi-2026";
const BASE = "http://localhost/";
let db: Database;
let app: Hono;
let stop: () => Promise<void>;

beforeAll(async () => {
  const opened = await testDatabase("pglite");
  db = opened.db;
  stop = opened.stop;
  app = testApp(db);
  await addUser(db, "Minh", "reviewer", REVIEW);
  await addUser(db, "Hoa", "reviewer", REVIEW);
  await addUser(db, "Tư vấn", "consultant", REVIEW);
}, 120_000);
afterAll(async () => stop?.());

function finding(): Finding {
  return {
    id: newFindingId(),
    rule: "flood-corridor",
    ruleType: "forbidden-overlap",
    severity: "error",
    status: "ok",
    subject: { layer: "city-plan-zones", featureId: "7" },
    constraint: { layer: "flood-corridor", featureId: null },
    prevailing: null,
    message: { vi: "chồng lấn", en: "overlap" },
    geometry: { type: "Point", coordinates: [105.85, 21.03] },
    areaSquareMeters: null,
  } as unknown as Finding;
}

/** A member's browser: the store on a fetch carrying their cookie, timers run by hand. */
async function browser(name: string) {
  const session = (await findReviewServer(BASE, null, (input, init) =>
    withCookie(input, init),
  )) as { kind: "review"; session: ServerSession };
  let down = false;
  const ticks: (() => void)[] = [];
  const online: boolean[] = [];
  function withCookie(input: RequestInfo | URL, init?: RequestInit) {
    const headers = new Headers(init?.headers);
    headers.set("cookie", cookieOf(name));
    return Promise.resolve(app.request(String(input), { ...init, headers }));
  }
  const clock = manualClock();
  const store: FlagStore = createServerFlagStore(session.session, {
    base: BASE,
    fetch: async (input, init) => {
      if (down) throw new TypeError("Failed to fetch");
      return withCookie(input, init);
    },
    every: (run) => {
      ticks.push(run);
      return () => ticks.splice(ticks.indexOf(run), 1);
    },
    clock,
    onConnection: (now) => online.push(now),
  });
  await store.ready;
  return {
    store,
    session: session.session,
    online,
    /** One poll period: every timer of the store runs once. */
    tick: () => {
      for (const run of [...ticks]) run();
    },
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

/** The session cookies of the members signed in for these tests. */
const cookies = new Map<string, string>();
function cookieOf(name: string): string {
  return cookies.get(name) ?? "";
}

beforeAll(async () => {
  for (const name of ["Minh", "Hoa", "Tư vấn"]) {
    const res = await app.request("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, password: "correct horse battery" }),
    });
    const set = res.headers.get("set-cookie") ?? "";
    cookies.set(name, set.split(";")[0] ?? "");
  }
}, 60_000);

describe("the server-backed flag store", () => {
  it("finds the server and the member's review; anything else means no server", async () => {
    const found = await findReviewServer(BASE, null, (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("cookie", cookieOf("Minh"));
      return Promise.resolve(app.request(String(input), { ...init, headers }));
    });
    expect(found).toEqual({
      kind: "review",
      session: { review: REVIEW, title: REVIEW, user: "Minh", role: "reviewer", closed: false },
    });
    const signedOut = await findReviewServer(BASE, null, (input, init) =>
      Promise.resolve(app.request(String(input), init)),
    );
    expect(signedOut).toEqual({ kind: "signed-out", loginUrl: `${BASE}login` });
    const html = () =>
      Promise.resolve(
        new Response("<!doctype html>", { headers: { "content-type": "text/html" } }),
      );
    expect(await findReviewServer(BASE, null, html)).toEqual({ kind: "none" });
    const down = () => Promise.reject(new TypeError("Failed to fetch"));
    expect(await findReviewServer(BASE, null, down)).toEqual({ kind: "none" });
    const notFound = () => Promise.resolve(new Response("no", { status: 404 }));
    expect(await findReviewServer(BASE, null, notFound)).toEqual({ kind: "none" });
  });

  it("shows another reviewer's flag after one poll, and a concurrent change as a disagreement", async () => {
    const minh = await browser("Minh");
    const hoa = await browser("Hoa");
    const f = finding();
    const flagId = flagIdForFinding(f.id);
    // the typed name is not used: the account's is
    expect(minh.store.apply({ type: "flag-finding", finding: f }, { reviewer: "someone" }).ok).toBe(
      true,
    );
    await until(minh.store, saved);
    hoa.tick();
    const seen = await until(hoa.store, (s) => s.flags.has(flagId));
    expect(seen.flags.get(flagId)?.createdBy).toBe("Minh");
    // both change the status before seeing the other's change
    minh.store.apply({ type: "set-status", flagId, status: "confirmed" }, { reviewer: "" });
    hoa.store.apply({ type: "set-status", flagId, status: "resolved" }, { reviewer: "" });
    await until(minh.store, saved);
    await until(hoa.store, saved);
    minh.tick();
    hoa.tick();
    const a = await until(minh.store, (s) => s.flags.get(flagId)?.history.length === 3);
    const b = await until(hoa.store, (s) => s.flags.get(flagId)?.history.length === 3);
    expect(a.flags.get(flagId)?.disagreement).toBe(true);
    expect(b.flags.get(flagId)?.disagreement).toBe(true);
    await minh.store.close();
    await hoa.store.close();
  });

  it("queues changes while the server is unreachable, says so, and sends them when it is back", async () => {
    const minh = await browser("Minh");
    minh.setDown(true);
    const f = finding();
    expect(minh.store.apply({ type: "flag-finding", finding: f }, { reviewer: "" }).ok).toBe(true);
    const offline = await until(minh.store, failed);
    if (offline.save.kind !== "failed") throw new Error("not failed");
    expect(offline.save.pending).toBe(1);
    expect(offline.save.error.en).toMatch(
      /review server cannot be reached; the changes are queued/,
    );
    expect(offline.save.error.vi).toMatch(/không kết nối được máy chủ thẩm định/);
    expect(minh.online.at(-1)).toBe(false);
    // still working: the flag is in the snapshot, and another change joins the queue
    minh.store.apply(
      { type: "comment", flagId: flagIdForFinding(f.id), comment: "ngoại tuyến" },
      { reviewer: "" },
    );
    expect(minh.store.getSnapshot().flags.get(flagIdForFinding(f.id))?.history).toHaveLength(2);
    minh.setDown(false);
    minh.tick(); // the poll notices the server back and sends without waiting out the backoff
    await until(minh.store, saved);
    expect(minh.online.at(-1)).toBe(true);
    const stored = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE flag_id = $1",
      [flagIdForFinding(f.id)],
    );
    expect(stored[0]?.n).toBe(2);
    await minh.store.close();
  });

  it("a consultant's status change is refused at once with the server's words, nothing queued", async () => {
    const minh = await browser("Minh");
    const f = finding();
    minh.store.apply({ type: "flag-finding", finding: f }, { reviewer: "" });
    await until(minh.store, saved);
    const consultant = await browser("Tư vấn");
    consultant.tick();
    const flagId = flagIdForFinding(f.id);
    await until(consultant.store, (s) => s.flags.has(flagId));
    const result = consultant.store.apply(
      { type: "set-status", flagId, status: "resolved" },
      { reviewer: "" },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problem.en).toMatch(/"consultant" may not change a flag's status/);
    expect(consultant.store.getSnapshot().save.kind).toBe("saved");
    const answer = consultant.store.apply(
      { type: "comment", flagId, comment: "đã điều chỉnh" },
      { reviewer: "" },
    );
    expect(answer.ok).toBe(true);
    await until(consultant.store, saved);
    await minh.store.close();
    await consultant.store.close();
  });
});
