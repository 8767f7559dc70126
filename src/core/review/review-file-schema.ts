import * as z from "zod";
import { schemaMessage } from "../text/zod-issue-text";
import {
  findingGeometrySchema,
  findingIdSchema,
  flagEventSchema,
  flagIdSchema,
  reviewerSchema,
  timeSchema,
} from "./event-schema";
import { FLAG_STATUSES } from "./flag-types";
import { APP_ID, REVIEW_FORMAT, REVIEW_VERSION } from "./review-format";

/** Most events one flag may carry: years of daily changes, far below what fills a browser. */
export const MAX_HISTORY = 10_000;

/** The review marker (see `ReviewMarker`). */
export const markerSchema = z.strictObject({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  app: z.literal(APP_ID),
  exportedAt: timeSchema,
  exportedBy: reviewerSchema.optional(),
});

/** The review file's root; its features are checked one by one (`flagFeatureSchema`). */
export const reviewRootSchema = z.strictObject({
  type: z.literal("FeatureCollection"),
  planLayersReview: markerSchema,
  features: z.array(z.unknown()),
  bbox: z.array(z.number()).optional(),
});

/** One flag of a review file (see `FlagFeatureProperties`). */
export const flagFeatureSchema = z.strictObject({
  type: z.literal("Feature"),
  id: flagIdSchema,
  geometry: findingGeometrySchema.nullable(),
  properties: z.strictObject({
    flagId: flagIdSchema,
    kind: z.enum(["finding", "own"]),
    findingId: findingIdSchema.nullable(),
    rule: z.string().nullable(),
    status: z.enum(FLAG_STATUSES),
    disagreement: z.boolean(),
    deleted: z.boolean(),
    comment: z.string().nullable(),
    updatedBy: z.string(),
    updatedAt: timeSchema,
    history: z
      .array(flagEventSchema)
      .min(1)
      .max(
        MAX_HISTORY,
        schemaMessage({
          vi: `lịch sử của một cờ có nhiều nhất ${MAX_HISTORY} sự kiện`,
          en: `a flag's history has at most ${MAX_HISTORY} events`,
        }),
      ),
  }),
});
