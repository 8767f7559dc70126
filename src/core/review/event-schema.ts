import * as z from "zod";
import { schemaMessage } from "../text/zod-issue-text";
import { ADDRESSEES, FLAG_STATUSES } from "./flag-types";

/*
 * The flag events as a review file carries them, checked strictly: unknown keys, wrong types, ids
 * of the wrong form and out-of-range coordinates are each an issue, worded in both languages
 * (`schemaMessage`), so a foreign or hand-edited file is refused with the reason, never half read.
 */

/** Longest reviewer name and comment kept: a hostile file cannot fill the browser's storage. */
export const MAX_REVIEWER = 100;
export const MAX_COMMENT = 4000;

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
/** [lon, lat] or [lon, lat, height]. */
const position = z.tuple([lon, lat], z.number()).refine((p) => p.length <= 3, {
  message: schemaMessage({
    vi: "một vị trí có 2 hoặc 3 số: [kinh độ, vĩ độ, độ cao]",
    en: "a position has 2 or 3 numbers: [lon, lat, height]",
  }),
});
const ring = z.array(position).refine(
  (r) => {
    const first = r[0];
    const last = r.at(-1);
    return r.length >= 4 && !!first && !!last && first[0] === last[0] && first[1] === last[1];
  },
  {
    message: schemaMessage({
      vi: "vòng của vùng phải khép kín (điểm đầu trùng điểm cuối) và có ít nhất 4 vị trí",
      en: "a polygon ring must be closed (first position = last) with at least 4 positions",
    }),
  },
);
const polygonRings = z.array(ring).min(1);

export const pointSchema = z.strictObject({ type: z.literal("Point"), coordinates: position });
export const polygonSchema = z.strictObject({
  type: z.literal("Polygon"),
  coordinates: polygonRings,
});
/** A drawn flag's geometry: a point or a polygon. */
export const ownGeometrySchema = z.discriminatedUnion("type", [pointSchema, polygonSchema]);

/** A finding's conflicting part: any GeoJSON geometry but a collection. */
export const findingGeometrySchema = z.discriminatedUnion("type", [
  pointSchema,
  polygonSchema,
  z.strictObject({ type: z.literal("MultiPoint"), coordinates: z.array(position) }),
  z.strictObject({ type: z.literal("LineString"), coordinates: z.array(position).min(2) }),
  z.strictObject({
    type: z.literal("MultiLineString"),
    coordinates: z.array(z.array(position).min(2)),
  }),
  z.strictObject({ type: z.literal("MultiPolygon"), coordinates: z.array(polygonRings) }),
]);

const hex = (digits: number, what: { vi: string; en: string }) =>
  z.string().regex(
    new RegExp(`^[0-9a-f]{${digits}}$`),
    schemaMessage({
      vi: `${what.vi} gồm ${digits} chữ số thập lục phân thường`,
      en: `${what.en} is ${digits} lowercase hex digits`,
    }),
  );

export const findingIdSchema = hex(16, { vi: "mã phát hiện", en: "a finding id" });
export const eventIdSchema = hex(32, { vi: "mã sự kiện", en: "an event id" });
export const flagIdSchema = z.string().regex(
  /^(finding:[0-9a-f]{16}|own:[0-9a-f]{32})$/,
  schemaMessage({
    vi: 'mã cờ có dạng "finding:" + mã phát hiện, hoặc "own:" + 32 chữ số thập lục phân',
    en: 'a flag id is "finding:" + the finding id, or "own:" + 32 hex digits',
  }),
);

/** Times as `Date.toISOString()` writes them, so they sort as text the way they do in time. */
export const timeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    schemaMessage({
      vi: "thời điểm theo ISO 8601 UTC, ví dụ 2026-12-05T09:30:00.000Z",
      en: "a time in ISO 8601 UTC, e.g. 2026-12-05T09:30:00.000Z",
    }),
  )
  .refine((t) => !Number.isNaN(Date.parse(t)), {
    message: schemaMessage({ vi: "thời điểm không có thật", en: "no such time" }),
  });

export const reviewerSchema = z.string().trim().min(1).max(MAX_REVIEWER);
const comment = z.string().max(MAX_COMMENT);
const statusSchema = z.enum(FLAG_STATUSES);

const layerRef = z.strictObject({ layer: z.string().max(200), featureId: z.string().nullable() });
const findingSnapshotSchema = z.strictObject({
  id: findingIdSchema,
  rule: z.string().min(1).max(200),
  subject: layerRef,
  constraint: layerRef.nullable(),
  geometry: findingGeometrySchema.nullable(),
  areaSquareMeters: z.number().min(0).nullable(),
});

const meta = {
  eventId: eventIdSchema,
  flagId: flagIdSchema,
  at: timeSchema,
  reviewer: reviewerSchema,
};

/** One flag event (see `FlagEvent`). */
export const flagEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    ...meta,
    type: z.literal("create"),
    target: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("finding"), finding: findingSnapshotSchema }),
      z.strictObject({ kind: z.literal("own"), geometry: ownGeometrySchema }),
    ]),
    comment: comment.optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal("status"),
    status: statusSchema,
    replaces: z.array(eventIdSchema).min(1),
    comment: comment.optional(),
    settles: z.literal(true).optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal("comment"),
    comment: comment.min(1),
    to: z.enum(ADDRESSEES).optional(),
    inReplyTo: eventIdSchema.optional(),
  }),
  z.strictObject({ ...meta, type: z.literal("geometry"), geometry: ownGeometrySchema }),
  z.strictObject({ ...meta, type: z.literal("delete"), comment: comment.optional() }),
  z.strictObject({ ...meta, type: z.literal("restore"), comment: comment.optional() }),
]);
