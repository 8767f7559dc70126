import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createFlagStore,
  type FlagStore,
  indexedDbPersistence,
} from "../../../src/state/flag-store/index";
import { finding } from "../check-finding";
import { failed, manualClock, saved, until } from "./store-helpers";

const F = finding({ id: "0123456789abcdef" });
const FLAG = `finding:${F.id}`;
const author = { reviewer: "Trần Văn Minh" };
let dbCount = 0;
const open: FlagStore[] = [];

/** A store on a database of its own name (tests do not share records). */
function storeOn(name: string, clock = manualClock()) {
  const store = createFlagStore(indexedDbPersistence(name), clock);
  open.push(store);
  return { store, clock };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe("IndexedDB flag store (fake-indexeddb)", () => {
  it("keeps the flags across a reload: a new store on the same database reads them back", async () => {
    const name = `review-${dbCount++}`;
    const { store } = storeOn(name);
    await store.ready;
    store.apply({ type: "flag-finding", finding: F, comment: "Đất lúa bị lấn" }, author);
    store.apply({ type: "set-status", flagId: FLAG, status: "confirmed" }, author);
    await until(store, saved);
    await store.close();

    const again = storeOn(name).store;
    await again.ready;
    const flag = again.getSnapshot().flags.get(FLAG);
    expect(flag?.status).toBe("confirmed");
    expect(flag?.comment).toBe("Đất lúa bị lấn");
    expect(flag?.history).toHaveLength(2);
    expect(again.getSnapshot().save).toEqual({ kind: "saved" });
  });

  it("shows in one tab the flags another tab stored", async () => {
    const name = `review-${dbCount++}`;
    const first = storeOn(name).store;
    const second = storeOn(name).store;
    await Promise.all([first.ready, second.ready]);
    first.apply({ type: "flag-finding", finding: F }, author);
    const seen = await until(second, (s) => s.flags.has(FLAG));
    expect(seen.flags.get(FLAG)?.createdBy).toBe("Trần Văn Minh");
    second.apply({ type: "set-status", flagId: FLAG, status: "confirmed" }, { reviewer: "Lan" });
    const back = await until(first, (s) => s.flags.get(FLAG)?.status === "confirmed");
    expect(back.flags.get(FLAG)?.history).toHaveLength(2);
  });

  it("surfaces a failed write (quota), keeps the event, retries, and it is stored after all", async () => {
    const name = `review-${dbCount++}`;
    const { store, clock } = storeOn(name);
    await store.ready;
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementationOnce(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    store.apply({ type: "flag-finding", finding: F }, author);
    const snap = await until(store, failed);
    expect(snap.save).toMatchObject({ kind: "failed", phase: "save", pending: 1 });
    expect(snap.flags.has(FLAG)).toBe(true);
    expect(put).toHaveBeenCalledTimes(1);
    clock.runDue();
    await until(store, saved);
    await store.close();

    const again = storeOn(name).store;
    await again.ready;
    expect(again.getSnapshot().flags.has(FLAG)).toBe(true);
  });

  it("works in memory when IndexedDB is missing (private mode), and saves once it is back", async () => {
    const name = `review-${dbCount++}`;
    const real = globalThis.indexedDB;
    vi.stubGlobal("indexedDB", undefined);
    const { store, clock } = storeOn(name);
    await store.ready;
    store.apply({ type: "flag-finding", finding: F }, author);
    const snap = store.getSnapshot();
    expect(snap.save).toMatchObject({ kind: "failed", phase: "load", pending: 1 });
    if (snap.save.kind === "failed") expect(snap.save.error.vi).toMatch(/chế độ riêng tư/);
    vi.stubGlobal("indexedDB", real);
    clock.runDue();
    await until(store, saved);
    await store.close();
    vi.unstubAllGlobals();
    const again = storeOn(name).store;
    await again.ready;
    expect(again.getSnapshot().flags.has(FLAG)).toBe(true);
  });

  it("shows a database it cannot open (upgraded by a newer app in another tab) as a failure, not a hang", async () => {
    const name = `review-${dbCount++}`;
    const newer = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 2);
      request.onsuccess = () => resolve(request.result);
    });
    const { store } = storeOn(name);
    await store.ready;
    const snap = store.getSnapshot();
    expect(snap.save).toMatchObject({ kind: "failed", phase: "load", attempts: 1 });
    if (snap.save.kind === "failed")
      expect(snap.save.error.en).toMatch(/cannot read the stored flags/);
    newer.close();
  });
});
