import * as z from "zod";
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

/**
 * The name of an uploaded proposal file (`?name=`), as the consultant's computer called it: what
 * tells the registry its format and what messages name. No folders, no control characters.
 */
export const proposalNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (name) =>
      !/[/\\]/.test(name) &&
      ![...name].some((ch) => (ch.codePointAt(0) ?? 0) < 32 || ch === "\u007f"),
    {
      message: schemaMessage({
        vi: "tên tệp không chứa thư mục (/ hoặc \\) hay ký tự điều khiển, ví dụ phuong-an-2.geojson",
        en: "a file name without folders (/ or \\) or control characters, e.g. proposal-2.geojson",
      }),
    },
  );

/** A proposal version in an address. */
export const versionSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);
