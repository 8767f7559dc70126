import { compareFlags, type Flag } from "../core/review/index";

/** The drawn flags as the review panel lists them, oldest first. */
export type OwnFlagLists = {
  /** Drawn flags in force (shown on the map). */
  active: Flag[];
  /** Drawn flags deleted (kept in history, can be restored). */
  deleted: Flag[];
};

/** The reviewers' own (drawn) flags, split into those in force and those deleted. */
export function ownFlagLists(flags: Iterable<Flag>): OwnFlagLists {
  const lists: OwnFlagLists = { active: [], deleted: [] };
  for (const flag of [...flags].sort(compareFlags)) {
    if (flag.target.kind !== "own") continue;
    (flag.deleted ? lists.deleted : lists.active).push(flag);
  }
  return lists;
}

/**
 * Flags reviewers disagree on (different statuses no later change replaced), oldest first: the
 * same list as `disagreementsOf(events)`, read from the folded flags the store already holds.
 */
export function disputedFlags(flags: Iterable<Flag>): Flag[] {
  return [...flags].filter((flag) => flag.disagreement).sort(compareFlags);
}
