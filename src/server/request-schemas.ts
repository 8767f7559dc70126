import { z } from "zod";
import { flagEventSchema, MAX_REVIEWER } from "../core/review/event-schema";
import { schemaMessage } from "../core/text/zod-issue-text";

/*
 * Every request body the review server reads, checked strictly with zod before anything else looks
 * at it: unknown keys, wrong types and oversize lists are refused with the issue.
 */

/** Most events one request carries: a reviewer's queue after a long time offline fits. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/** A review id as it appears in addresses and commands: lowercase letters, digits, dashes. */
export const reviewSlugSchema = z.string().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  schemaMessage({
    vi: "mã cuộc thẩm định gồm 1–63 chữ thường không dấu, chữ số hoặc gạch ngang",
    en: "a review id is 1–63 lowercase letters, digits or dashes",
  }),
);

export const userNameSchema = z.string().trim().min(1).max(MAX_REVIEWER);

export const loginSchema = z.strictObject({
  name: userNameSchema,
  password: z.string().min(1).max(1024),
});

export const appendEventsSchema = z.strictObject({
  events: z.array(flagEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
});

export const closeReviewSchema = z.strictObject({ closed: z.boolean() });

/** `?after=` of the events list: the last sequence number the client holds. */
export const afterSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
