import type { Flag, FlagEvent } from "./flag-types";

/*
 * What the council has addressed to the consultant, and the consultant's answers: the list a
 * consultant works through. Derived from the flags' histories (nothing stored besides the events),
 * so the app, the server and an exported file all show the same list.
 */

/**
 * Whether `event` is addressed to the consultant: a comment sent to them (`to`), or a status
 * change to `needs-revision` (the plan must be revised: the consultant's task).
 */
export function isAddressedToConsultant(event: FlagEvent): boolean {
  return (
    (event.type === "comment" && event.to === "consultant") ||
    (event.type === "status" && event.status === "needs-revision")
  );
}

/** One thing addressed to the consultant, with its answers. */
export type AddressedItem = {
  flagId: string;
  /** The comment addressed to them, or the status change to `needs-revision`. */
  event: FlagEvent;
  /** The comments answering it (`inReplyTo` its id), oldest first. */
  answers: FlagEvent[];
};

/**
 * The consultant's list: every comment addressed to them and every flag whose current status is
 * `needs-revision` (a head of the flag: a revision decided and later resolved or reopened is no
 * longer asked for), on flags not deleted. Unanswered first; within each part, oldest first.
 */
export function consultantInbox(flags: ReadonlyMap<string, Flag>): AddressedItem[] {
  const items: AddressedItem[] = [];
  for (const flag of flags.values()) {
    if (flag.deleted) continue;
    const heads = new Set(flag.heads.map((h) => h.eventId));
    for (const event of flag.history) {
      if (!isAddressedToConsultant(event)) continue;
      if (event.type === "status" && !heads.has(event.eventId)) continue;
      const answers = flag.history.filter(
        (e) => e.type === "comment" && e.inReplyTo === event.eventId,
      );
      items.push({ flagId: flag.id, event, answers });
    }
  }
  const open = (item: AddressedItem) => (item.answers.length === 0 ? 0 : 1);
  return items.sort(
    (a, b) =>
      open(a) - open(b) ||
      (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : 0) ||
      (a.event.eventId < b.event.eventId ? -1 : 1),
  );
}
