import { describe, expect, it } from "vitest";
import {
  disagreementsOf,
  type FlagStatus,
  foldFlags,
  reviewEvent,
} from "../../src/core/review/index";
import { disputedFlags, ownFlagLists } from "../../src/state/review-lists";
import { AREA, FINDING, flagsAfter, POINT } from "./review-test-flags";

describe("the review panel's lists", () => {
  it("lists drawn flags oldest first, deleted ones apart, and leaves flags on findings out", () => {
    const { flags } = flagsAfter([
      { type: "draw", flagId: "own:b", geometry: AREA, comment: "Bãi đổ thải" },
      { type: "flag-finding", finding: FINDING },
      { type: "draw", flagId: "own:a", geometry: POINT, comment: "Điểm xả thải" },
      { type: "delete", flagId: "own:b" },
    ]);
    const lists = ownFlagLists(flags.values());
    expect(lists.active.map((f) => f.id)).toEqual(["own:a"]);
    expect(lists.deleted.map((f) => f.id)).toEqual(["own:b"]);
    const restored = flagsAfter([
      { type: "draw", flagId: "own:b", geometry: AREA },
      { type: "draw", flagId: "own:a", geometry: POINT },
      { type: "delete", flagId: "own:b" },
      { type: "restore", flagId: "own:b" },
    ]);
    expect(ownFlagLists(restored.flags.values()).active.map((f) => f.id)).toEqual([
      "own:b",
      "own:a",
    ]);
  });

  it("finds the same disputed flags as disagreementsOf, from the folded flags", () => {
    const base = flagsAfter([
      { type: "draw", flagId: "own:a", geometry: AREA },
      { type: "flag-finding", finding: FINDING },
    ]);
    // Reviewers change flags from the same review without seeing each other's change.
    const change = (flagId: string, status: FlagStatus, reviewer: string) => {
      const made = reviewEvent(base.flags, { type: "set-status", flagId, status }, { reviewer });
      if (!made.ok) throw new Error(made.problem.en);
      return made.event;
    };
    const merged = [
      ...base.events,
      change("own:a", "confirmed", "Lê Văn Cường"),
      change("own:a", "needs-revision", "Phạm Thị Dung"),
      change("finding:f1", "resolved", "Lê Văn Cường"),
    ];
    const disputed = disputedFlags(foldFlags(merged).values()).map((f) => f.id);
    expect(disputed).toEqual(["own:a"]);
    expect(disputed).toEqual(disagreementsOf(merged).map((d) => d.flagId));
  });
});
