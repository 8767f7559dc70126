import { describe, expect, it } from "vitest";
import {
  canChangeStatus,
  FLAG_STATUSES,
  type FlagStatus,
  needsComment,
  nextStatuses,
} from "../../../src/core/review/index";

/** The decided table, spelled out so a change to the rules is a visible change to this test. */
const ALLOWED: [FlagStatus, FlagStatus[]][] = [
  ["open", ["confirmed", "accepted-as-exception", "needs-revision", "resolved"]],
  ["confirmed", ["needs-revision", "accepted-as-exception", "resolved", "open"]],
  ["needs-revision", ["resolved", "accepted-as-exception", "open"]],
  ["accepted-as-exception", ["open"]],
  ["resolved", ["open"]],
];

describe("status rules", () => {
  for (const [from, allowed] of ALLOWED) {
    for (const to of FLAG_STATUSES) {
      const ok = allowed.includes(to);
      it(`${from} → ${to}: ${ok ? "allowed" : "refused"}`, () => {
        expect(canChangeStatus(from, to)).toBe(ok);
      });
    }
  }

  it("never allows a status to itself, and every decision can be reopened", () => {
    for (const s of FLAG_STATUSES) {
      expect(canChangeStatus(s, s)).toBe(false);
      if (s !== "open") expect(canChangeStatus(s, "open")).toBe(true);
      expect(nextStatuses(s)).toEqual(ALLOWED.find(([f]) => f === s)?.[1]);
    }
  });

  it("asks for a comment on an exception, a reopening and a settlement only", () => {
    expect(needsComment("open", "accepted-as-exception")).toBe(true);
    expect(needsComment("resolved", "open")).toBe(true);
    expect(needsComment("open", "confirmed")).toBe(false);
    expect(needsComment("confirmed", "resolved")).toBe(false);
    expect(needsComment("confirmed", "resolved", true)).toBe(true);
  });
});
