import { describe, expect, it } from "vitest";
import {
  consultantInbox,
  type FlagEvent,
  flagIdForFinding,
  foldFlags,
  formatReviewFile,
  parseReviewFile,
  reviewEvent,
} from "../../../src/core/review/index";
import { eventRefusal } from "../../../src/core/review/review-roles";
import { finding } from "../../state/check-finding";
import { applyIntents } from "./review-fixtures";

/*
 * What the council addresses to the consultant (a comment sent to them, a flag set to "needs
 * revision"), their answers, and the rules a history keeps about them.
 */

const A = finding({ id: "0123456789abcdef" });
const B = finding({ id: "fedcba9876543210" });
const FLAG_A = flagIdForFinding(A.id);
const FLAG_B = flagIdForFinding(B.id);

const apply = applyIntents;

const base = () =>
  apply([
    [{ type: "flag-finding", finding: A }, "Lan"],
    [{ type: "comment", flagId: FLAG_A, comment: "giải trình mật độ", to: "consultant" }, "Lan"],
    [{ type: "comment", flagId: FLAG_A, comment: "ghi chú nội bộ" }, "Minh"],
    [{ type: "flag-finding", finding: B }, "Minh"],
    [{ type: "set-status", flagId: FLAG_B, status: "needs-revision" }, "Minh"],
  ]);

describe("the consultant's list", () => {
  it("holds the comments addressed to them and the flags needing revision, unanswered first", () => {
    const events = base();
    const asked = events[1];
    const revise = events[4];
    expect(asked).toMatchObject({ type: "comment", to: "consultant" });
    expect(consultantInbox(foldFlags(events)).map((i) => i.event.eventId)).toEqual([
      asked?.eventId,
      revise?.eventId,
    ]);
    const answered = apply(
      [
        [
          {
            type: "answer",
            flagId: FLAG_A,
            inReplyTo: asked?.eventId as string,
            comment: " đã giảm mật độ ",
          },
          "Tư vấn",
        ],
      ],
      events,
    );
    const answer = answered.at(-1);
    expect(answer).toMatchObject({ comment: "đã giảm mật độ", inReplyTo: asked?.eventId });
    const inbox = consultantInbox(foldFlags(answered));
    expect(inbox.map((i) => [i.event.eventId, i.answers.length])).toEqual([
      [revise?.eventId, 0],
      [asked?.eventId, 1],
    ]);
  });

  it("drops a revision no longer asked for (resolved since) and the items of a deleted flag", () => {
    const events = apply(
      [
        [{ type: "set-status", flagId: FLAG_B, status: "resolved" }, "Minh"],
        [{ type: "delete", flagId: FLAG_A }, "Lan"],
      ],
      base(),
    );
    expect(consultantInbox(foldFlags(events))).toEqual([]);
  });

  it("answers only what is addressed to the consultant, saying so", () => {
    const events = base();
    const plain = events[2]?.eventId as string;
    const result = reviewEvent(
      foldFlags(events),
      { type: "answer", flagId: FLAG_A, inReplyTo: plain, comment: "x" },
      { reviewer: "Tư vấn" },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.en).toMatch(/is not addressed to the consultant/);
      expect(result.problem.vi).toMatch(/không phải ý kiến gửi đơn vị tư vấn/);
    }
  });

  it("a review file carries the addressing and the answers; a forged answer is refused", () => {
    const events = base();
    const asked = events[1] as FlagEvent;
    const answered = apply(
      [[{ type: "answer", flagId: FLAG_A, inReplyTo: asked.eventId, comment: "đã sửa" }, "Tư vấn"]],
      events,
    );
    const read = parseReviewFile(formatReviewFile(answered));
    expect(read.ok && read.events.length).toBe(answered.length);
    const forged = answered.map((e) =>
      e.type === "comment" && e.inReplyTo
        ? { ...e, inReplyTo: (events[2] as FlagEvent).eventId }
        : e,
    );
    const refused = parseReviewFile(formatReviewFile(forged));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems.map((p) => p.message.en).join("\n")).toMatch(
        /not an earlier event of this flag addressed to the consultant/,
      );
    }
  });

  it("the roles: the council addresses, the consultant answers, each only so", () => {
    const events = base();
    const context = { user: "Tư vấn", review: "r", closed: false };
    const address = { ...(events[2] as FlagEvent), reviewer: "Tư vấn", to: "consultant" };
    expect(eventRefusal("consultant", address as FlagEvent, context)?.en).toMatch(
      /may not address a comment to the consultant/,
    );
    const answer = {
      ...(events[2] as FlagEvent),
      reviewer: "Minh",
      inReplyTo: (events[1] as FlagEvent).eventId,
    };
    expect(eventRefusal("reviewer", answer as FlagEvent, { ...context, user: "Minh" })?.en).toMatch(
      /may not answer a comment addressed to the consultant/,
    );
    expect(
      eventRefusal("consultant", { ...answer, reviewer: "Tư vấn" } as FlagEvent, context),
    ).toBeNull();
  });
});
