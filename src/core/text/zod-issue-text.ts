import type * as z from "zod";
import en from "zod/v4/locales/en.js";
import vi from "zod/v4/locales/vi.js";
import type { Bilingual } from "../validate/validation-issue";

/*
 * zod words an issue in one language (its global locale, English) and carries a schema's own message
 * (`.regex(re, "…")`, a refinement's `message`) as one string. Users read Vietnamese first and switch
 * to English, so an issue is worded by both of zod's locales, and a schema writes its own message in
 * both languages through `schemaMessage`: zod carries the English, and the pair is found again by it.
 * (zod keeps only a string from a check's message, and `params` exist on refinements only, not on
 * `.regex`, `.min` or `.max`, whose bounds the JSON Schema of the rules file needs.)
 */

/** zod's error maps, one per language; each words an issue as zod itself does. */
const LOCALES = { vi: vi().localeError, en: en().localeError };

/** A schema's own messages in both languages, by their English text (what zod carries). */
const OWN_MESSAGES = new Map<string, Bilingual>();

/**
 * A schema's own message, for zod's `message` or `error` parameter (`.regex(re, schemaMessage(…))`,
 * `ctx.addIssue({ message: schemaMessage(…) })`): zod carries the English, and {@link issueText}
 * gives both languages for it. Every message a schema writes itself goes through here; one written
 * as plain text would be shown in English with zod's generic Vietnamese.
 *
 * @throws Error when the same English text was given another Vietnamese one (a programming error)
 */
export function schemaMessage(text: Bilingual): string {
  const known = OWN_MESSAGES.get(text.en);
  if (known && known.vi !== text.vi) {
    throw new Error(`schemaMessage: two Vietnamese texts for "${text.en}"`);
  }
  OWN_MESSAGES.set(text.en, text);
  return text.en;
}

/**
 * Validates `value` keeping each issue's input: zod's locales word some issues from it ("received
 * string"), so {@link issueText} needs it. Use this for every parse whose issues are shown.
 */
export function parseShowingIssues<T extends z.ZodType>(
  schema: T,
  value: unknown,
): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { reportInput: true });
}

function worded(map: (typeof LOCALES)["en"], issue: z.core.$ZodIssue): string {
  // a finished issue of a parse with `reportInput` holds all a locale reads from a raw one
  const said = map(issue as unknown as z.core.$ZodRawIssue);
  return typeof said === "string" ? said : (said?.message ?? issue.message);
}

/**
 * An issue of {@link parseShowingIssues} in both languages: the schema's own message when it wrote
 * one with {@link schemaMessage}, else zod's own words in each of its locales. A bad key of a record
 * (or element of a map or set) is said as the key's own check says it, not as zod's "Invalid key in
 * record".
 */
export function issueText(issue: z.core.$ZodIssue): Bilingual {
  const inner =
    issue.code === "invalid_key" || issue.code === "invalid_element" ? issue.issues[0] : undefined;
  if (inner) return issueText(inner);
  const own = OWN_MESSAGES.get(issue.message);
  if (own) return own;
  const text = { vi: worded(LOCALES.vi, issue), en: worded(LOCALES.en, issue) };
  // A message neither locale gives is a schema's own, written without schemaMessage: keep it.
  const unlisted = issue.message !== text.en && issue.message !== text.vi;
  return unlisted ? { ...text, en: issue.message } : text;
}
