import { describe, expect, it } from "vitest";
import { type FlagEvent, formatReviewFile } from "../../../src/core/review/index";
import {
  createFlagStore,
  type FlagPersistence,
  RETRY_MAX_MS,
  retryDelay,
} from "../../../src/state/flag-store/index";
import { fileEvents } from "../../core/review/review-fixtures";
import { finding } from "../check-finding";
import { failed, manualClock, saved, until } from "./store-helpers";

/** A persistence in memory that fails the next `failures` calls of `save` (or `load`). */
function flakyPersistence(stored: FlagEvent[] = []) {
  const state = { saveFailures: 0, loadFailures: 0, saves: [] as number[], stored: [...stored] };
  const persistence: FlagPersistence = {
    async load() {
      if (state.loadFailures > 0) {
        state.loadFailures--;
        throw new DOMException("denied", "SecurityError");
      }
      return [...state.stored];
    },
    async save(events) {
      if (state.saveFailures > 0) {
        state.saveFailures--;
        throw new DOMException("full", "QuotaExceededError");
      }
      state.saves.push(events.length);
      for (const e of events)
        if (!state.stored.some((s) => s.eventId === e.eventId)) state.stored.push(e);
    },
    close() {},
  };
  return { persistence, state };
}

const F = finding({ id: "0123456789abcdef" });
const author = { reviewer: "Nguyễn Thị Lan" };

describe("createFlagStore: memory first, saved in the background, retried, never dropped", () => {
  it("backs off 1 s, 2 s, 4 s … up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([
      1000,
      2000,
      4000,
      8000,
      16000,
      30000,
      30000,
      RETRY_MAX_MS,
    ]);
  });

  it("shows a failed write with its reason, keeps the events, and saves them on a later retry", async () => {
    const { persistence, state } = flakyPersistence();
    const clock = manualClock();
    const store = createFlagStore(persistence, clock);
    await store.ready;
    state.saveFailures = 3;
    expect(store.apply({ type: "flag-finding", finding: F }, author).ok).toBe(true);
    let snap = await until(store, failed);
    expect(snap.flags.size).toBe(1);
    expect(snap.save).toMatchObject({ kind: "failed", phase: "save", pending: 1, attempts: 1 });
    if (snap.save.kind === "failed") {
      expect(snap.save.error.vi).toMatch(/bộ nhớ của trình duyệt đã đầy/);
      expect(snap.save.error.en).toMatch(/storage is full.*retried/);
      expect(snap.save.retryAt).toBe(clock.now() + 1000);
    }
    // a change made while failing is kept too, and goes with the next retry
    store.apply({ type: "set-status", flagId: `finding:${F.id}`, status: "confirmed" }, author);
    expect(store.getSnapshot().save).toMatchObject({ kind: "failed", pending: 2 });
    clock.runDue();
    await until(store, (s) => s.save.kind === "failed" && s.save.attempts === 2);
    clock.runDue();
    await until(store, (s) => s.save.kind === "failed" && s.save.attempts === 3);
    clock.runDue();
    snap = await until(store, saved);
    expect(clock.delays).toEqual([1000, 2000, 4000]);
    expect(state.saves).toEqual([2]);
    expect(state.stored).toHaveLength(2);
    expect(snap.flags.get(`finding:${F.id}`)?.status).toBe("confirmed");
  });

  it("retries at once on retryNow", async () => {
    const { persistence, state } = flakyPersistence();
    const clock = manualClock();
    const store = createFlagStore(persistence, clock);
    await store.ready;
    state.saveFailures = 1;
    store.apply({ type: "flag-finding", finding: F }, author);
    await until(store, failed);
    store.retryNow();
    await until(store, saved);
    expect(clock.waiting()).toBe(0);
    expect(state.stored).toHaveLength(1);
  });

  it("works in memory when the stored flags cannot be read, and joins them once they can", async () => {
    const { persistence, state } = flakyPersistence(fileEvents());
    state.loadFailures = 1;
    const clock = manualClock();
    const store = createFlagStore(persistence, clock);
    await store.ready;
    expect(store.getSnapshot().save).toMatchObject({ kind: "failed", phase: "load" });
    if (store.getSnapshot().save.kind === "failed") {
      expect((store.getSnapshot().save as { error: { en: string } }).error.en).toMatch(
        /private mode/,
      );
    }
    store.apply({ type: "flag-finding", finding: F }, author);
    expect(store.getSnapshot().flags.size).toBe(1);
    clock.runDue();
    const snap = await until(store, saved);
    expect(snap.flags.size).toBe(4);
    expect(state.stored).toHaveLength(fileEvents().length + 1);
  });

  it("imports a review (merged, disagreements reported) and refuses a bad one without a change", async () => {
    const { persistence } = flakyPersistence();
    const store = createFlagStore(persistence, manualClock());
    await store.ready;
    const text = formatReviewFile(fileEvents(), { exportedAt: "2026-12-02T07:00:00.000Z" });
    const before = store.getSnapshot();
    const bad = store.importReview(text.replace('"status":"open"', '"status":"resolved"'));
    expect(bad.ok).toBe(false);
    expect(store.getSnapshot()).toBe(before);
    const outcome = store.importReview(text);
    expect(outcome).toMatchObject({ ok: true, flags: 3, added: 13, duplicates: 0 });
    if (outcome.ok)
      expect(outcome.disagreements.map((d) => d.findingId)).toEqual(["cccccccccccccccc"]);
    expect(store.importReview(text)).toMatchObject({ ok: true, added: 0, duplicates: 13 });
    await until(store, saved);
    // what it exports reads back as the same review
    expect(store.exportReview().split("\n").slice(1)).toEqual(text.split("\n").slice(1));
  });

  it("skips an event it holds already", async () => {
    const { persistence, state } = flakyPersistence();
    const store = createFlagStore(persistence, manualClock());
    await store.ready;
    const events = fileEvents();
    store.append(events);
    store.append(events);
    await until(store, saved);
    expect(store.list()).toHaveLength(events.length);
    expect(state.stored).toHaveLength(events.length);
  });
});
