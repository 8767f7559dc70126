import { describe, expect, it } from "vitest";
import {
  type Flag,
  type FlagEvent,
  flagIdForFinding,
  foldFlags,
  formatReviewFile,
  newOwnFlagId,
  parseReviewFile,
  type ReviewIntent,
  reviewEvent,
} from "../../../src/core/review/index";
import { finding } from "../../state/check-finding";
import { applyIntents } from "./review-fixtures";

const F = finding({ id: "0123456789abcdef" });
const FLAG = flagIdForFinding(F.id);

const apply = applyIntents;

const flagOf = (events: FlagEvent[], id = FLAG) => foldFlags(events).get(id) as Flag;
const refused = (events: FlagEvent[], intent: ReviewIntent, reviewer = "Lan") => {
  const result = reviewEvent(foldFlags(events), intent, { reviewer });
  return result.ok ? null : result.problem;
};

describe("reviewEvent: intents become events, or say why not", () => {
  it("flags a finding under an id derived from its stable id, status open", () => {
    const events = apply([[{ type: "flag-finding", finding: F, comment: " xem lại " }, "Lan"]]);
    const flag = flagOf(events);
    expect(flag.status).toBe("open");
    expect(flag.comment).toBe("xem lại");
    expect(flag.target.kind === "finding" && flag.target.finding.id).toBe(F.id);
    expect(events[0]?.eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("walks open → confirmed → needs revision → resolved → reopened, keeping every step", () => {
    const events = apply([
      [{ type: "flag-finding", finding: F }, "Lan"],
      [{ type: "set-status", flagId: FLAG, status: "confirmed" }, "Lan"],
      [{ type: "set-status", flagId: FLAG, status: "needs-revision" }, "Minh"],
      [{ type: "set-status", flagId: FLAG, status: "resolved" }, "Minh"],
      [{ type: "set-status", flagId: FLAG, status: "open", comment: "bản vẽ mới" }, "Lan"],
    ]);
    const flag = flagOf(events);
    expect(flag.status).toBe("open");
    expect(flag.disagreement).toBe(false);
    expect(flag.history.map((e) => (e.type === "status" ? e.status : e.type))).toEqual([
      "create",
      "confirmed",
      "needs-revision",
      "resolved",
      "open",
    ]);
  });

  it("refuses a transition the rules do not allow, a repeat, and a reopening without a reason", () => {
    const events = apply([
      [{ type: "flag-finding", finding: F }, "Lan"],
      [{ type: "set-status", flagId: FLAG, status: "resolved" }, "Lan"],
    ]);
    expect(refused(events, { type: "set-status", flagId: FLAG, status: "confirmed" })?.en).toMatch(
      /cannot change from "resolved" to "confirmed"/,
    );
    expect(refused(events, { type: "set-status", flagId: FLAG, status: "resolved" })?.en).toMatch(
      /already/,
    );
    expect(refused(events, { type: "set-status", flagId: FLAG, status: "open" })?.vi).toMatch(
      /cần ghi chú/,
    );
    expect(
      refused(events, { type: "set-status", flagId: FLAG, status: "open", comment: "   " }),
    ).not.toBeNull();
  });

  it("asks for a reason before accepting an exception", () => {
    const events = apply([[{ type: "flag-finding", finding: F }, "Lan"]]);
    const intent: ReviewIntent = {
      type: "set-status",
      flagId: FLAG,
      status: "accepted-as-exception",
    };
    expect(refused(events, intent)?.en).toMatch(/needs a comment/);
    expect(refused(events, { ...intent, comment: "QĐ 123/QĐ-UBND cho phép" })).toBeNull();
  });

  it("refuses without a reviewer name, on unknown flags, and flagging a finding twice", () => {
    const events = apply([[{ type: "flag-finding", finding: F }, "Lan"]]);
    expect(refused(events, { type: "comment", flagId: FLAG, comment: "x" }, "  ")?.en).toMatch(
      /reviewer name/,
    );
    expect(refused(events, { type: "comment", flagId: "own:zz", comment: "x" })?.en).toMatch(
      /no flag/,
    );
    expect(refused(events, { type: "flag-finding", finding: F })?.en).toMatch(/exists already/);
  });

  it("deletes as an event, refuses changes to a deleted flag, restores it", () => {
    const events = apply([
      [{ type: "flag-finding", finding: F }, "Lan"],
      [{ type: "delete", flagId: FLAG, comment: "nhầm" }, "Lan"],
    ]);
    expect(flagOf(events).deleted).toBe(true);
    expect(flagOf(events).history).toHaveLength(2);
    expect(refused(events, { type: "set-status", flagId: FLAG, status: "confirmed" })?.en).toMatch(
      /deleted/,
    );
    expect(refused(events, { type: "flag-finding", finding: F })?.en).toMatch(/restore it first/);
    const restored = apply([[{ type: "restore", flagId: FLAG }, "Minh"]], events);
    expect(flagOf(restored).deleted).toBe(false);
  });

  it("dates a change after the flag's latest event even when the clock is behind", () => {
    const events = apply([[{ type: "flag-finding", finding: F }, "Lan"]]);
    const result = reviewEvent(
      foldFlags(events),
      { type: "delete", flagId: FLAG },
      { reviewer: "Minh", at: "2026-01-01T00:00:00.000Z" },
    );
    expect(result.ok && result.event.at).toBe("2026-12-01T08:00:00.001Z");
  });

  it("draws, moves and checks a reviewer's own flag; only drawn flags move", () => {
    const id = newOwnFlagId();
    expect(id).toMatch(/^own:[0-9a-f]{32}$/);
    const point = { type: "Point" as const, coordinates: [105.85, 21.03] };
    const events = apply([
      [{ type: "draw", flagId: id, geometry: point }, "Lan"],
      [{ type: "move", flagId: id, geometry: { ...point, coordinates: [105.86, 21.04] } }, "Lan"],
      [{ type: "flag-finding", finding: F }, "Lan"],
    ]);
    const flag = flagOf(events, id);
    expect(flag.target).toEqual({
      kind: "own",
      geometry: { type: "Point", coordinates: [105.86, 21.04] },
    });
    expect(refused(events, { type: "move", flagId: FLAG, geometry: point })?.en).toMatch(
      /drawn flag/,
    );
    const open = {
      type: "Polygon" as const,
      coordinates: [
        [
          [105, 21],
          [106, 21],
          [106, 22],
        ],
      ],
    };
    expect(refused(events, { type: "draw", flagId: newOwnFlagId(), geometry: open })?.en).toMatch(
      /invalid drawing/,
    );
    const far = { type: "Point" as const, coordinates: [205, 21] };
    expect(refused(events, { type: "move", flagId: id, geometry: far })).not.toBeNull();
  });

  it("checks a change against every head, so the import reads what the app wrote", () => {
    const base = apply([[{ type: "flag-finding", finding: F }, "Lan"]]);
    // one reviewer on two devices: confirmed on one, resolved on the other, from the same state
    const a = apply([[{ type: "set-status", flagId: FLAG, status: "confirmed" }, "Lan"]], base);
    const b = apply([[{ type: "set-status", flagId: FLAG, status: "resolved" }, "Lan"]], base);
    // the resolved one a little earlier, so the confirmed one is the latest (the shown status)
    const both = [...a, { ...(b.at(-1) as FlagEvent), at: "2026-12-01T08:00:00.500Z" }];
    expect(flagOf(both).status).toBe("confirmed");
    expect(flagOf(both).heads).toHaveLength(2);
    expect(flagOf(both).disagreement).toBe(false);
    // resolved → needs-revision is not a change the rules allow, whatever the other head says
    expect(
      refused(both, { type: "set-status", flagId: FLAG, status: "needs-revision" })?.en,
    ).toMatch(/"resolved" to "needs revision"/);
    const reopened = apply(
      [[{ type: "set-status", flagId: FLAG, status: "open", comment: "xem lại" }, "Lan"]],
      both,
    );
    const read = parseReviewFile(formatReviewFile(reopened));
    expect(read.ok).toBe(true);
    expect(flagOf(reopened).heads).toHaveLength(1);
  });

  it("makes a disputed flag wait for a settlement, which replaces every head", () => {
    const base = apply([[{ type: "flag-finding", finding: F }, "Lan"]]);
    // two reviewers change it from the same state, each without the other's change
    const lan = apply([[{ type: "set-status", flagId: FLAG, status: "confirmed" }, "Lan"]], base);
    const minh = apply([[{ type: "set-status", flagId: FLAG, status: "resolved" }, "Minh"]], base);
    const merged = [...lan, ...(minh.at(-1) ? [minh.at(-1) as FlagEvent] : [])];
    expect(flagOf(merged).disagreement).toBe(true);
    expect(
      refused(merged, { type: "set-status", flagId: FLAG, status: "open", comment: "x" })?.en,
    ).toMatch(/settles it/);
    expect(
      refused(merged, { type: "settle", flagId: FLAG, status: "confirmed", comment: "" }),
    ).not.toBeNull();
    const settled = apply(
      [[{ type: "settle", flagId: FLAG, status: "confirmed", comment: "giữ xác nhận" }, "Hoàng"]],
      merged,
    );
    const flag = flagOf(settled);
    expect(flag.disagreement).toBe(false);
    expect(flag.status).toBe("confirmed");
    expect(flag.heads).toHaveLength(1);
    expect(
      refused(settled, { type: "settle", flagId: FLAG, status: "resolved", comment: "x" })?.en,
    ).toMatch(/no disagreement/);
  });
});
