import "fake-indexeddb/auto";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagIdForFinding } from "../../../src/core/review/index";
import type { Database } from "../../../src/server/db/database";
import {
  createServerFlagStore,
  type FlagStore,
  findReviewServer,
  indexedDbPersistence,
  pendingQueueName,
  type ServerSession,
  storedSessionMemory,
} from "../../../src/state/flag-store/index";
import {
  addUser,
  newFindingId,
  signIn,
  testApp,
  testDatabase,
} from "../../server/support/review-server-harness";
import { finding as makeFinding } from "../check-finding";
import { failed, manualClock, saved, until } from "./store-helpers";

/*
 * The shared review's changes made while the server is unreachable outlive the page: they are
 * queued in IndexedDB (fake-indexeddb here), a reload while still offline shows them again as
 * queued, and the page after it sends them once the server is back; nothing is sent twice and the
 * queue empties.
 */

const REVIEW = "hanoi-2026";
const BASE = "http://localhost/";
let db: Database;
let app: Hono;
let stop: () => Promise<void>;
let cookie = "";
const session: ServerSession = {
  review: REVIEW,
  title: REVIEW,
  user: "Minh",
  role: "reviewer",
  closed: false,
};

beforeAll(async () => {
  const opened = await testDatabase("pglite");
  db = opened.db;
  stop = opened.stop;
  app = testApp(db);
  await addUser(db, "Minh", "reviewer", REVIEW);
  cookie = (await signIn(app, "Minh")).cookie;
}, 120_000);
afterAll(async () => stop?.());

/** One page of the app: the store on the server (down or up, as the network says). */
function page(network: { down: boolean }) {
  const ticks: (() => void)[] = [];
  const store: FlagStore = createServerFlagStore(session, {
    base: BASE,
    fetch: async (input, init) => {
      if (network.down) throw new TypeError("Failed to fetch");
      const headers = new Headers(init?.headers);
      headers.set("cookie", cookie);
      return app.request(String(input), { ...init, headers });
    },
    every: (run) => {
      ticks.push(run);
      return () => ticks.splice(ticks.indexOf(run), 1);
    },
    clock: manualClock(),
  });
  const tick = () => {
    for (const run of [...ticks]) run();
  };
  return { store, tick };
}

const finding = () => makeFinding({ id: newFindingId() });

const storedOf = async (flagId: string) =>
  (
    await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE flag_id = $1", [
      flagId,
    ])
  )[0]?.n;

describe("the queue of a shared review's changes survives a reload", () => {
  it("keeps the changes made offline across a reload while offline, and sends them once back", async () => {
    const network = { down: true };
    const f = finding();
    const flagId = flagIdForFinding(f.id);

    const first = page(network);
    await first.store.ready;
    expect(first.store.apply({ type: "flag-finding", finding: f }, { reviewer: "" }).ok).toBe(true);
    first.store.apply({ type: "comment", flagId, comment: "ngoại tuyến" }, { reviewer: "" });
    await until(first.store, failed);
    // the page goes away (reload, tab closed) while the server is still unreachable
    await first.store.close();
    expect(await storedOf(flagId)).toBe(0);

    // the page after it, still offline: the changes are there, queued, and say so
    const second = page(network);
    await second.store.ready;
    const offline = await until(second.store, failed);
    expect(offline.flags.get(flagId)?.history.map((e) => e.type)).toEqual(["create", "comment"]);
    if (offline.save.kind !== "failed") throw new Error("not failed");
    expect(offline.save.pending).toBe(2);
    expect(offline.save.error.en).toMatch(/the changes are queued and sent when it is back/);

    // the server is back: the poll sends them, once
    network.down = false;
    second.tick();
    await until(second.store, saved);
    expect(await storedOf(flagId)).toBe(2);
    await second.store.close();

    // the queue is empty: a third page sends nothing again
    const queue = indexedDbPersistence(pendingQueueName(session));
    expect(await queue.load()).toEqual([]);
    queue.close();
    const third = page(network);
    await third.store.ready;
    await until(third.store, saved);
    expect(third.store.getSnapshot().flags.get(flagId)?.history).toHaveLength(2);
    expect(await storedOf(flagId)).toBe(2);
    await third.store.close();
  });

  it("a change stored by the server is taken off the queue, so the next page has nothing pending", async () => {
    const network = { down: false };
    const one = page(network);
    await one.store.ready;
    one.store.apply({ type: "flag-finding", finding: finding() }, { reviewer: "" });
    await until(one.store, saved);
    await one.store.close();
    const queue = indexedDbPersistence(pendingQueueName(session));
    expect(await queue.load()).toEqual([]);
    queue.close();
  });
});

describe("a page opened while the server does not answer", () => {
  /** localStorage as the browser keeps it, in memory. */
  function storage(): Storage {
    const items = new Map<string, string>();
    return {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
    } as Storage;
  }
  const signedIn = (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set("cookie", cookie);
    return Promise.resolve(app.request(String(input), { ...init, headers }));
  };
  const down = () => Promise.reject(new TypeError("Failed to fetch"));
  const failing = () => Promise.resolve(new Response("{}", { status: 503 }));

  it("goes on with the review last opened here, offline, instead of the browser's own flags", async () => {
    const kept = storage();
    const memory = storedSessionMemory(() => kept);
    // nothing remembered yet: no server, as before
    expect(await findReviewServer(BASE, null, down, memory)).toEqual({ kind: "none" });
    const opened = await findReviewServer(BASE, null, signedIn, memory);
    expect(opened).toEqual({ kind: "review", session });
    const offline = { kind: "review", session, offline: true };
    expect(await findReviewServer(BASE, null, down, memory)).toEqual(offline);
    expect(await findReviewServer(BASE, REVIEW, failing, memory)).toEqual(offline);
    // another review asked for in the address: not this one
    expect(await findReviewServer(BASE, "other", down, memory)).toEqual({ kind: "none" });
    // a server that answers is asked, never the memory: a static host's 404 is no server
    const notFound = () => Promise.resolve(new Response("no", { status: 404 }));
    expect(await findReviewServer(BASE, null, notFound, memory)).toEqual({ kind: "none" });
    // a storage the browser refuses is no memory
    const refused = storedSessionMemory(() => {
      throw new DOMException("denied", "SecurityError");
    });
    expect(await findReviewServer(BASE, null, signedIn, refused)).toEqual(opened);
    expect(await findReviewServer(BASE, null, down, refused)).toEqual({ kind: "none" });
  });
});
