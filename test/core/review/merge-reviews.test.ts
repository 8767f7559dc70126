import { describe, expect, it } from "vitest";
import {
  type FlagEvent,
  foldFlags,
  mergeReviews,
  reviewEvent,
} from "../../../src/core/review/index";
import { jsonFixtures } from "./review-fixtures";

type MergeFixture = {
  description: string;
  local: FlagEvent[];
  incoming: FlagEvent[];
  expected:
    | { refused: true }
    | {
        added: string[];
        duplicates: number;
        disagreements: { flagId: string; statuses: string[]; reviewers: string[] }[];
      };
};

describe("mergeReviews: by flag id, both histories kept, disagreements reported", () => {
  for (const [name, fixture] of jsonFixtures<MergeFixture>("merge")) {
    it(`${name}: ${fixture.description}`, () => {
      const result = mergeReviews(fixture.local, fixture.incoming);
      if ("refused" in fixture.expected) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problem.vi).toMatch(/không gộp gì cả/);
        return;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.added.map((e) => e.eventId)).toEqual(fixture.expected.added);
      expect(result.duplicates).toBe(fixture.expected.duplicates);
      expect(
        result.disagreements.map((d) => ({
          flagId: d.flagId,
          statuses: d.heads.map((h) => h.status),
          reviewers: d.heads.map((h) => h.reviewer),
        })),
      ).toEqual(fixture.expected.disagreements);
      // both histories are whole in the merged review
      const merged = foldFlags([...fixture.local, ...result.added]);
      const all = new Set([...fixture.local, ...fixture.incoming].map((e) => e.eventId));
      const kept = [...merged.values()].flatMap((f) => f.history.map((e) => e.eventId));
      expect(new Set(kept)).toEqual(all);
      expect(kept).toHaveLength(all.size);
    });
  }

  it("merges in either direction to the same flags", () => {
    for (const [, f] of jsonFixtures<MergeFixture>("merge")) {
      if ("refused" in f.expected) continue;
      const ab = mergeReviews(f.local, f.incoming);
      const ba = mergeReviews(f.incoming, f.local);
      if (!ab.ok || !ba.ok) throw new Error("refused");
      const state = (events: FlagEvent[]) =>
        [...foldFlags(events).values()].map((x) => [x.id, x.status, x.disagreement]).sort();
      expect(state([...f.local, ...ab.added])).toEqual(state([...f.incoming, ...ba.added]));
    }
  });

  it("settling a merged disagreement is one more event, and a re-import does not undo it", () => {
    const [, f] = jsonFixtures<MergeFixture>("merge").find(([n]) => n === "concurrent") as [
      string,
      MergeFixture,
    ];
    const merged = mergeReviews(f.local, f.incoming);
    if (!merged.ok) throw new Error("refused");
    const local = [...f.local, ...merged.added];
    const flagId = merged.disagreements[0]?.flagId as string;
    const settle = reviewEvent(
      foldFlags(local),
      { type: "settle", flagId, status: "confirmed", comment: "chủ trì quyết định" },
      { reviewer: "Lê Hoàng", at: "2026-12-02T08:00:00.000Z" },
    );
    if (!settle.ok) throw new Error(settle.problem.en);
    const settled = [...local, settle.event];
    expect(mergeReviews(settled, f.incoming)).toMatchObject({
      ok: true,
      added: [],
      disagreements: [],
    });
    expect(foldFlags(settled).get(flagId)?.status).toBe("confirmed");
  });
});
