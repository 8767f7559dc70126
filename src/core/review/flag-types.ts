import type { Point, Polygon } from "geojson";
import type { Finding } from "../check/types";

/**
 * Where a reviewer stands on a flagged problem. `open` is where every flag starts; the others are
 * the decisions of the appraisal file (hồ sơ thẩm định). Which change is allowed: `status-rules.ts`.
 */
export const FLAG_STATUSES = [
  "open",
  "confirmed",
  "accepted-as-exception",
  "needs-revision",
  "resolved",
] as const;
/** One of {@link FLAG_STATUSES}. */
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * Whom a comment may be addressed to: the consultant who must answer the council's comments (a
 * flag set to `needs-revision` is addressed to them too, without saying so).
 */
export const ADDRESSEES = ["consultant"] as const;
export type Addressee = (typeof ADDRESSEES)[number];

/** The geometry a reviewer may draw for a flag of their own. */
export type OwnGeometry = Point | Polygon;

/**
 * What the finding looked like when it was flagged: enough to show and export a flag whose finding
 * is no longer found (the plan was fixed), when the current run cannot say it any more.
 */
export type FindingSnapshot = {
  id: string;
  rule: string;
  subject: Finding["subject"];
  constraint: Finding["constraint"];
  /** The conflicting part when flagged (WGS84), or null when the run drew none. */
  geometry: Finding["geometry"];
  areaSquareMeters: number | null;
};

/** What a flag is about: a finding of the checks (by its stable id), or a place the reviewer drew. */
export type FlagTarget =
  | { kind: "finding"; finding: FindingSnapshot }
  | { kind: "own"; geometry: OwnGeometry };

/** Who did what when: every event has these. */
export type EventMeta = {
  /**
   * Unique id of the event (128 random bits, hex): merging two reviews drops an event seen twice by
   * this id, so an event exported, imported and exported again is never doubled.
   */
  eventId: string;
  /** The flag the event belongs to (see `flagIdForFinding` for flags on findings). */
  flagId: string;
  /** ISO 8601 UTC time the reviewer made the change. */
  at: string;
  /** The reviewer's name as they gave it. */
  reviewer: string;
};

/**
 * A change to a flag, as the reviewer asked for it (the event without its {@link EventMeta}).
 *
 * Status changes name the status events they replace (`replaces`): two reviewers who changed the
 * same flag's status without seeing each other's change leave two heads, a disagreement a lead
 * reviewer settles; a reviewer who changed it after importing the other's change replaced it, and
 * nobody disagrees. Time order alone could not tell these two apart.
 */
export type FlagAction =
  /** A new flag, status `open`. */
  | { type: "create"; target: FlagTarget; comment?: string }
  | {
      type: "status";
      status: FlagStatus;
      /** Ids of the status events (or the create event) this one replaces: the current heads. */
      replaces: string[];
      comment?: string;
      /** Set when the change settles a disagreement between reviewers (a lead reviewer's decision). */
      settles?: true;
    }
  | {
      type: "comment";
      comment: string;
      /** Addressed to the consultant: it waits in their list until they answer it. */
      to?: Addressee;
      /**
       * The event this comment answers: one addressed to the consultant (a comment with `to`, or
       * a status change to `needs-revision`) of the same flag.
       */
      inReplyTo?: string;
    }
  /** A flag of the reviewer's own moved or reshaped. */
  | { type: "geometry"; geometry: OwnGeometry }
  | { type: "delete"; comment?: string }
  | { type: "restore"; comment?: string };

/** One entry of a flag's history. Events are appended, never changed or removed. */
export type FlagEvent = EventMeta & FlagAction;

/** A status event that no later status event replaces: a current status of the flag. */
export type StatusHead = {
  eventId: string;
  status: FlagStatus;
  reviewer: string;
  at: string;
};

/** A flag as its history leaves it (see `foldFlags`). Derived: never stored, always recomputed. */
export type Flag = {
  id: string;
  /** The finding it is about (snapshot at flagging time), or the reviewer's own geometry (latest). */
  target: FlagTarget;
  /** The current status: the latest head's when reviewers disagree (see `disagreement`). */
  status: FlagStatus;
  /** The current status heads: one, or several when reviewers changed it without seeing each other. */
  heads: StatusHead[];
  /** Reviewers left different statuses that no later change replaced: a lead must settle it. */
  disagreement: boolean;
  /** The latest comment of any event, or null. */
  comment: string | null;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Every event of the flag, oldest first (time, then event id). */
  history: FlagEvent[];
};
