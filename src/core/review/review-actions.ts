import type { Finding } from "../check/types";
import type { Bilingual } from "../validate/validation-issue";
import { isAddressedToConsultant } from "./consultant-inbox";
import { MAX_COMMENT, MAX_REVIEWER, ownGeometrySchema } from "./event-schema";
import type {
  Addressee,
  EventMeta,
  FindingSnapshot,
  Flag,
  FlagAction,
  FlagEvent,
  FlagStatus,
  OwnGeometry,
} from "./flag-types";
import { flagIdForFinding, randomHex128 } from "./review-ids";
import * as say from "./review-messages";
import { canChangeStatus, needsComment } from "./status-rules";

/** What a reviewer asks for; {@link reviewEvent} turns it into the event to append, or says why not. */
export type ReviewIntent =
  | { type: "flag-finding"; finding: Finding; comment?: string }
  /** `flagId` from `newOwnFlagId()`. */
  | { type: "draw"; flagId: string; geometry: OwnGeometry; comment?: string }
  | { type: "set-status"; flagId: string; status: FlagStatus; comment?: string }
  /** The lead reviewer's decision on a disagreement: the final status, and why. */
  | { type: "settle"; flagId: string; status: FlagStatus; comment: string }
  /** A comment; `to` addresses it to the consultant, who must answer it. */
  | { type: "comment"; flagId: string; comment: string; to?: Addressee }
  /** The consultant's answer to a comment addressed to them, or to a flag needing revision. */
  | { type: "answer"; flagId: string; inReplyTo: string; comment: string }
  | { type: "move"; flagId: string; geometry: OwnGeometry }
  | { type: "delete"; flagId: string; comment?: string }
  | { type: "restore"; flagId: string; comment?: string };

/** Who makes the change and when; `eventId` and `at` are filled in when left out. */
export type IntentAuthor = { reviewer: string; at?: string; eventId?: string };

/** The event to append, or why the change cannot be made (in both languages). */
export type ReviewEventResult = { ok: true; event: FlagEvent } | { ok: false; problem: Bilingual };

/** What a finding flag keeps of its finding (see {@link FindingSnapshot}). */
export function snapshotOf(finding: Finding): FindingSnapshot {
  return {
    id: finding.id,
    rule: finding.rule,
    subject: finding.subject,
    constraint: finding.constraint,
    geometry: finding.geometry,
    areaSquareMeters: finding.areaSquareMeters,
  };
}

/** A comment trimmed, undefined when blank; a problem when too long. */
function cleanComment(text: string | undefined): string | undefined | Bilingual {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_COMMENT ? say.textTooLong(say.COMMENT, MAX_COMMENT) : trimmed;
}

const isProblem = (value: unknown): value is Bilingual =>
  typeof value === "object" && value !== null;

/** The action for an intent on the current flags, or why it is not allowed. */
function actionFor(
  flags: ReadonlyMap<string, Flag>,
  intent: ReviewIntent,
  comment: string | undefined,
): { flagId: string; action: FlagAction } | Bilingual {
  const withComment = comment === undefined ? {} : { comment };
  if (intent.type === "flag-finding") {
    const flagId = flagIdForFinding(intent.finding.id);
    const existing = flags.get(flagId);
    if (existing) return existing.deleted ? say.flagDeleted(flagId) : say.alreadyFlagged(flagId);
    const target = { kind: "finding" as const, finding: snapshotOf(intent.finding) };
    return { flagId, action: { type: "create", target, ...withComment } };
  }
  if (intent.type === "draw") {
    if (flags.has(intent.flagId)) return say.alreadyFlagged(intent.flagId);
    if (!ownGeometrySchema.safeParse(intent.geometry).success) return say.badGeometry;
    const target = { kind: "own" as const, geometry: intent.geometry };
    return { flagId: intent.flagId, action: { type: "create", target, ...withComment } };
  }
  const flag = flags.get(intent.flagId);
  if (!flag) return say.noSuchFlag(intent.flagId);
  const flagId = flag.id;
  if (intent.type === "restore") {
    return flag.deleted
      ? { flagId, action: { type: "restore", ...withComment } }
      : say.flagNotDeleted(flagId);
  }
  if (flag.deleted) return say.flagDeleted(flagId);
  const replaces = flag.heads.map((h) => h.eventId);
  switch (intent.type) {
    case "set-status":
      if (flag.disagreement) return say.mustSettle;
      if (intent.status === flag.status) return say.sameStatus(flag.status);
      {
        // every head it replaces must allow the change (heads of one reviewer's two devices may
        // differ), as the import checks; a head that has the status already stays as it is
        const to = intent.status;
        const refused = flag.heads.find((h) => h.status !== to && !canChangeStatus(h.status, to));
        if (refused) return say.statusNotAllowed(refused.status, to);
      }
      if (comment === undefined && needsComment(flag.status, intent.status)) {
        return say.commentRequired(intent.status);
      }
      return {
        flagId,
        action: { type: "status", status: intent.status, replaces, ...withComment },
      };
    case "settle":
      // the lead may settle on any status, even one no reviewer chose: it replaces every head
      if (!flag.disagreement) return say.nothingToSettle;
      if (comment === undefined) return say.commentRequired(intent.status);
      return {
        flagId,
        action: { type: "status", status: intent.status, replaces, comment, settles: true },
      };
    case "comment":
      if (comment === undefined) return say.emptyComment;
      return {
        flagId,
        action: { type: "comment", comment, ...(intent.to === undefined ? {} : { to: intent.to }) },
      };
    case "answer": {
      if (comment === undefined) return say.emptyComment;
      const asked = flag.history.find((e) => e.eventId === intent.inReplyTo);
      if (!asked || !isAddressedToConsultant(asked)) return say.notAddressed(intent.inReplyTo);
      return { flagId, action: { type: "comment", comment, inReplyTo: asked.eventId } };
    }
    case "move":
      if (flag.target.kind !== "own") return say.notOwnFlag(flagId);
      if (!ownGeometrySchema.safeParse(intent.geometry).success) return say.badGeometry;
      return { flagId, action: { type: "geometry", geometry: intent.geometry } };
    case "delete":
      return { flagId, action: { type: "delete", ...withComment } };
  }
}

/**
 * `at`, or a millisecond after the flag's latest event when the clock says otherwise: a change is
 * made after what the reviewer saw, and time order must say so (a clock set back, two changes in
 * one millisecond, another reviewer's clock ahead), or the fold would put it before.
 */
function after(at: string, flag: Flag | undefined): string {
  if (!flag || at > flag.updatedAt) return at;
  return new Date(Date.parse(flag.updatedAt) + 1).toISOString();
}

/**
 * The event that records `intent` on the current `flags` (from `foldFlags`), stamped with the
 * reviewer, the time and a new event id; or why it cannot be made: an unknown or deleted flag, a
 * status change {@link canChangeStatus} does not allow, a missing comment where one is required
 * ({@link needsComment}), a status change on a disputed flag (it must be settled), a bad drawing.
 * The event's time is never before the flag's latest event. Pure: appending it is the store's job.
 */
export function reviewEvent(
  flags: ReadonlyMap<string, Flag>,
  intent: ReviewIntent,
  author: IntentAuthor,
): ReviewEventResult {
  const reviewer = author.reviewer.trim();
  if (!reviewer) return { ok: false, problem: say.noReviewer };
  if (reviewer.length > MAX_REVIEWER) {
    return { ok: false, problem: say.textTooLong(say.REVIEWER, MAX_REVIEWER) };
  }
  const comment = cleanComment("comment" in intent ? intent.comment : undefined);
  if (isProblem(comment)) return { ok: false, problem: comment };
  const planned = actionFor(flags, intent, comment);
  if (!("action" in planned)) return { ok: false, problem: planned };
  const meta: EventMeta = {
    eventId: author.eventId ?? randomHex128(),
    flagId: planned.flagId,
    at: after(author.at ?? new Date().toISOString(), flags.get(planned.flagId)),
    reviewer,
  };
  return { ok: true, event: { ...meta, ...planned.action } };
}
