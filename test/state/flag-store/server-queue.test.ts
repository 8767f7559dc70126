import "fake-indexeddb/auto";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagIdForFinding } from "../../../src/core/review/index";
import type { Database } from "../../../src/server/db/database";
import {
  createServerFlagStore,
  type FlagStore,
  indexedDbPersistence,
  pendingQueueName,
  type ServerSession,
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
