import type { Flag, FlagEvent, FlagTarget, StatusHead } from "./flag-types";

/**
 * Oldest first: by time, then by event id, so every copy of a review orders the same events the
 * same way (times are `Date.toISOString()` text, which sorts as time does).
 */
export function compareEvents(a: FlagEvent, b: FlagEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** Flags in the order they were created (then by id): the order lists and files show them in. */
export function compareFlags(a: Flag, b: Flag): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The events grouped by flag id, each group oldest first. */
function byFlag(events: readonly FlagEvent[]): Map<string, FlagEvent[]> {
  const groups = new Map<string, FlagEvent[]>();
  for (const e of events) {
    const group = groups.get(e.flagId);
    if (group) group.push(e);
    else groups.set(e.flagId, [e]);
  }
  for (const group of groups.values()) group.sort(compareEvents);
  return groups;
}

/**
 * The current statuses: status events (and creations, status `open`) that no status event
 * replaces. A creation no change replaced stays a head only while the flag has no status change at
 * all: a second reviewer who flagged the same finding and did nothing more does not dispute the
 * first one's decision.
 */
function statusHeads(history: readonly FlagEvent[]): StatusHead[] {
  const replaced = new Set<string>();
  for (const e of history) if (e.type === "status") for (const id of e.replaces) replaced.add(id);
  const head = (e: FlagEvent): StatusHead => ({
    eventId: e.eventId,
    status: e.type === "status" ? e.status : "open",
    reviewer: e.reviewer,
    at: e.at,
  });
  const changes = history.filter((e) => e.type === "status" && !replaced.has(e.eventId));
  if (changes.length > 0) return changes.map(head);
  if (history.some((e) => e.type === "status")) {
    // every change was replaced by a change this copy has not got: the latest change stands
    const latest = history.filter((e) => e.type === "status").at(-1) as FlagEvent;
    return [head(latest)];
  }
  return history.filter((e) => e.type === "create" && !replaced.has(e.eventId)).map(head);
}

/** Two heads that differ in status and were left by different reviewers. */
function disagree(heads: readonly StatusHead[]): boolean {
  return heads.some((a) => heads.some((b) => a.status !== b.status && a.reviewer !== b.reviewer));
}

/** One flag from its history (oldest first), or null when the history has no creation. */
export function foldFlag(id: string, history: FlagEvent[]): Flag | null {
  const created = history.find((e) => e.type === "create");
  if (created?.type !== "create") return null;
  let target: FlagTarget = created.target;
  let comment: string | null = null;
  let deleted = false;
  for (const e of history) {
    if (e.type === "geometry" && target.kind === "own")
      target = { kind: "own", geometry: e.geometry };
    if (e.type === "delete") deleted = true;
    if (e.type === "restore") deleted = false;
    if ("comment" in e && e.comment !== undefined) comment = e.comment;
  }
  const heads = statusHeads(history);
  const last = history.at(-1) as FlagEvent;
  return {
    id,
    target,
    // heads are in history order: the latest is the current one
    status: (heads.at(-1) as StatusHead).status,
    heads,
    disagreement: disagree(heads),
    comment,
    deleted,
    createdBy: created.reviewer,
    createdAt: created.at,
    updatedBy: last.reviewer,
    updatedAt: last.at,
    history,
  };
}

/**
 * The flags as their histories leave them, by flag id: the current state is never stored, only
 * folded from the append-only events, so two copies holding the same events agree.
 */
export function foldFlags(events: readonly FlagEvent[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const [id, history] of byFlag(events)) {
    const flag = foldFlag(id, history);
    if (flag) flags.set(id, flag);
  }
  return flags;
}
