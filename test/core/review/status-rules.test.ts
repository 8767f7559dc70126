import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  canChangeStatus,
  FLAG_STATUSES,
  type FlagStatus,
  needsComment,
  nextStatuses,
} from "../../../src/core/review/index";
import { REVIEW_FIXTURES } from "./review-fixtures";

/** test/fixtures/review/status-rules.json: the decided table, so a change to the rules shows there. */
const RULES = JSON.parse(readFileSync(join(REVIEW_FIXTURES, "status-rules.json"), "utf8")) as {
  allowed: Record<FlagStatus, FlagStatus[]>;
  needsComment: [FlagStatus, FlagStatus][];
};
const ALLOWED = Object.entries(RULES.allowed) as [FlagStatus, FlagStatus[]][];

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

  it("asks for a comment exactly where the fixture says (an exception, a reopening), and to settle", () => {
    const required = new Set(RULES.needsComment.map(([from, to]) => `${from}→${to}`));
    for (const [from, allowed] of ALLOWED) {
      for (const to of allowed) {
        expect(needsComment(from, to), `${from} → ${to}`).toBe(required.has(`${from}→${to}`));
        expect(needsComment(from, to, true)).toBe(true);
      }
    }
  });
});
