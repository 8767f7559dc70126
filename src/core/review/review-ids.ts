/** Prefix of the flag id of a flag on a finding; the finding's stable id follows it. */
const FINDING_PREFIX = "finding:";
/** Prefix of the flag id of a flag a reviewer drew; random hex follows it. */
const OWN_PREFIX = "own:";

/**
 * The flag id of a flag on a finding: derived from the finding's stable id (not random), so two
 * reviewers who flag the same finding hold the same flag, and merging their reviews merges its
 * histories instead of showing the finding flagged twice.
 */
export function flagIdForFinding(findingId: string): string {
  return `${FINDING_PREFIX}${findingId}`;
}

/** 128 random bits as 32 hex digits (crypto.getRandomValues: in browsers also outside HTTPS). */
export function randomHex128(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new flag id for a flag the reviewer draws. */
export function newOwnFlagId(random: () => string = randomHex128): string {
  return `${OWN_PREFIX}${random()}`;
}

/** Whether `flagId` has the form of a drawn flag's id. */
export function isOwnFlagId(flagId: string): boolean {
  return flagId.startsWith(OWN_PREFIX) && flagId.length > OWN_PREFIX.length;
}
