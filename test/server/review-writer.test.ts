import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/db/database";
import { ensureReview } from "../../src/server/review-repository";
import { reviewWriter } from "../../src/server/review-writer";
import { commentEvent, createEvent, testDatabase } from "./support/review-server-harness";

/*
 * Writes of one review queue in the process and go together in one transaction (group commit):
 * many requests, few transactions, each request stored or refused on its own.
 */

let db: Database;
let stop: () => Promise<void>;
beforeAll(async () => {
  const opened = await testDatabase("pglite");
  db = opened.db;
  stop = opened.stop;
}, 120_000);
afterAll(async () => stop?.());

describe("review writer", () => {
  it("stores concurrent requests in few transactions, a refused one apart from the others", async () => {
    const review = await ensureReview(db, "grouped");
    let transactions = 0;
    const counting: Database = {
      ...db,
      query: db.query,
      transaction(work) {
        transactions++;
        return db.transaction(work);
      },
    };
    const writer = reviewWriter(counting);
    const batches = Array.from({ length: 20 }, () => {
      const created = createEvent("Lan");
      return [created, commentEvent("Lan", created.flagId, "kèm ghi chú")];
    });
    const refusedBatch = 7;
    const results = await Promise.all(
      batches.map((events, i) =>
        writer.append(review.id, events, null, () =>
          i === refusedBatch ? { vi: "không", en: "no" } : null,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(19);
    expect(results[refusedBatch]).toMatchObject({ ok: false, status: 403 });
    // the first request runs alone, the 19 that queued meanwhile go together
    expect(transactions).toBeLessThanOrEqual(3);
    const rows = await db.query<{ seq: number; event_id: string }>(
      "SELECT seq, event_id FROM events WHERE review_id = $1 ORDER BY seq",
      [review.id],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    const stored = new Set(rows.map((r) => r.event_id));
    for (const e of batches[refusedBatch] ?? []) expect(stored.has(e.eventId)).toBe(false);
  });

  it("a database error fails the group, stores nothing of it, and the next request goes on", async () => {
    const review = await ensureReview(db, "failing");
    let fail = true;
    const flaky: Database = {
      ...db,
      query: db.query,
      transaction(work) {
        if (fail) {
          fail = false;
          return Promise.reject(new Error("connection lost"));
        }
        return db.transaction(work);
      },
    };
    const writer = reviewWriter(flaky);
    await expect(writer.append(review.id, [createEvent("Lan")], null, () => null)).rejects.toThrow(
      /connection lost/,
    );
    const next = await writer.append(review.id, [createEvent("Lan")], null, () => null);
    expect(next).toMatchObject({ ok: true, added: 1, seq: 1 });
  });
});
