/*
 * The reviewers' workflow, pure: flags on findings or drawn, their append-only history and status
 * rules, re-attachment to a new run, the review file (export, strict import), merging two reviews,
 * and the findings exported with their flags. No DOM, no storage: the store is src/state/flag-store.
 */
export {
  type AddressedItem,
  consultantInbox,
  isAddressedToConsultant,
} from "./consultant-inbox";
export { MAX_COMMENT, MAX_REVIEWER } from "./event-schema";
export {
  FLAG_CSV_COLUMNS,
  type FlagPlace,
  type FlagSummary,
  findingsWithFlagsCsvChunks,
  findingsWithFlagsGeoJson,
  findingsWithFlagsGeoJsonChunks,
  formatFindingsWithFlagsCsv,
} from "./findings-export";
export type * from "./flag-types";
export { ADDRESSEES, FLAG_STATUSES } from "./flag-types";
export { compareEvents, compareFlags, foldFlags } from "./fold-flags";
export {
  type Disagreement,
  disagreementsOf,
  type MergeResult,
  mergeReviews,
} from "./merge-reviews";
export type { ProposalVersion } from "./proposal-version";
export { type AttachedFlags, attachFlags } from "./reattach";
export {
  type IntentAuthor,
  type ReviewEventResult,
  type ReviewIntent,
  reviewEvent,
  snapshotOf,
} from "./review-actions";
export {
  buildReviewFile,
  type FlagFeatureProperties,
  flagGeometry,
  formatReviewFile,
  type ReviewFile,
} from "./review-export";
export { APP_ID, REVIEW_FORMAT, REVIEW_VERSION, type ReviewMarker } from "./review-format";
export { flagIdForFinding, isOwnFlagId, newOwnFlagId } from "./review-ids";
export {
  MAX_REVIEW_CHARS,
  parseReviewFile,
  REVIEW_NOUN,
  type ReviewImport,
  reviewProblemLines,
} from "./review-import";
export { STATUS_NAMES } from "./review-messages";
export { canChangeStatus, needsComment, nextStatuses } from "./status-rules";
