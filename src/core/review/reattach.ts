import type { Finding } from "../check/types";
import type { Flag } from "./flag-types";
import { compareFlags } from "./fold-flags";
import { flagIdForFinding } from "./review-ids";

/** The flags set against a run's findings (see {@link attachFlags}). */
export type AttachedFlags = {
  /** The flag of each finding of the run that has one, by finding id. */
  byFinding: Map<string, Flag>;
  /**
   * Flags on findings this run did not find (the plan was fixed, or the rule was not run): kept
   * and shown as "no longer found", with the finding as it was when flagged.
   */
  noLongerFound: Flag[];
  /** Flags the reviewers drew themselves. */
  own: Flag[];
  /** Deleted flags, kept for their history (the dossier and the review file show them). */
  deleted: Flag[];
};

/**
 * Which flags belong to which finding of a new run. Flags are keyed by the finding's stable id, so
 * a re-run attaches them again; a flag whose finding is gone is never dropped. Lists are in flag
 * creation order.
 */
export function attachFlags(
  flags: Iterable<Flag>,
  findings: readonly Pick<Finding, "id">[],
): AttachedFlags {
  const ordered = [...flags].sort(compareFlags);
  // the flag ids of the run's findings that have a flag: the flags' finding ids looked up in one
  // pass over the findings (no pass at all without such flags), not every finding's flag id made
  // (20 000 strings joined and hashed for a proposal's run, for the few flags a reviewer set)
  const wanted = new Set<string>();
  for (const flag of ordered) if (!flag.deleted && flag.target.kind !== "own") wanted.add(flag.id);
  const found = new Set<string>();
  if (wanted.size > 0) {
    for (const f of findings) {
      const id = flagIdForFinding(f.id);
      if (wanted.has(id)) found.add(id);
    }
  }
  const result: AttachedFlags = { byFinding: new Map(), noLongerFound: [], own: [], deleted: [] };
  for (const flag of ordered) {
    if (flag.deleted) result.deleted.push(flag);
    else if (flag.target.kind === "own") result.own.push(flag);
    else if (found.has(flag.id)) result.byFinding.set(flag.target.finding.id, flag);
    else result.noLongerFound.push(flag);
  }
  return result;
}
