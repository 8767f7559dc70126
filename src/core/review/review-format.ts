/**
 * The marker a review file carries as a foreign member of its FeatureCollection (RFC 7946 §6.1
 * lets a GeoJSON object carry members of its own; GIS software ignores it): without it, a file is
 * not a review of this app, whatever else it holds.
 */
export const REVIEW_MEMBER = "planLayersReview";
/** The format name in the marker. */
export const REVIEW_FORMAT = "plan-layers-review";
/** Version of the review file format; an app reads its own version and older. */
export const REVIEW_VERSION = 1;
/** The app that wrote the file (package.json `name`). */
export const APP_ID = "plan-layers";

/** The marker of a review file. */
export type ReviewMarker = {
  format: typeof REVIEW_FORMAT;
  version: typeof REVIEW_VERSION;
  app: typeof APP_ID;
  /** When the file was written (ISO 8601 UTC). */
  exportedAt: string;
  /** Who wrote it, when the app knows the reviewer's name. */
  exportedBy?: string;
};
