import type { FlagStatus } from "./flag-types";

/**
 * The status changes a reviewer may make. Decisions move forward (a confirmed conflict needs
 * revision, then is resolved), and any decision can be reopened: a plan revised again, or a
 * decision the lead reviewer overturns, is common in appraisal. Setting the same status again is
 * not a change (a comment says what there is to add). Resolved and accepted-as-exception are
 * final except by reopening, so their history always shows who reopened them and why.
 */
const ALLOWED: Readonly<Record<FlagStatus, readonly FlagStatus[]>> = {
  open: ["confirmed", "accepted-as-exception", "needs-revision", "resolved"],
  confirmed: ["needs-revision", "accepted-as-exception", "resolved", "open"],
  "needs-revision": ["resolved", "accepted-as-exception", "open"],
  "accepted-as-exception": ["open"],
  resolved: ["open"],
};

/** Whether a reviewer may change a flag from `from` to `to` (settling a disagreement aside). */
export function canChangeStatus(from: FlagStatus, to: FlagStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses a reviewer may choose next, in the order a UI lists them. */
export function nextStatuses(from: FlagStatus): readonly FlagStatus[] {
  return ALLOWED[from];
}

/**
 * Whether the change needs a comment saying why: an exception is a legal decision the appraisal
 * file must justify, and reopening a decision must say what changed; settling always does.
 */
export function needsComment(from: FlagStatus, to: FlagStatus, settles = false): boolean {
  return settles || to === "accepted-as-exception" || (to === "open" && from !== "open");
}
