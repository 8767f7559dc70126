import { distance } from "fastest-levenshtein";
import { showValue } from "./show-value";

/**
 * Edits allowed for a word of `length` characters to still count as a slip of that word: one per
 * three characters, at least one. "toleranceSquareMeter" (1 edit) and "land_use_cod" (1) get a
 * suggestion; "xyz" for "district_code" does not, so nonsense is never "corrected".
 */
const allowedEdits = (length: number) => Math.max(1, Math.floor(length / 3));

/** Most suggestions shown when several known words are equally close. */
const MAX_SUGGESTIONS = 3;

/**
 * Characters typed for letters they look like: a code typed "0DT" or "5KK" stands for ODT or SKK,
 * and that reading beats the many codes one edit away ("0DT" → DDT, "5KK" → SKC).
 */
const LOOKALIKES: Record<string, string> = { "0": "o", "5": "s", "8": "b" };

const folded = (word: string) =>
  word
    .trim()
    .toLowerCase()
    .replace(/[058]/g, (c) => LOOKALIKES[c] as string);

/** Whether `a` is `b` with one pair of neighbouring characters swapped ("OTD" for "ODT"). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return (
    i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  );
}

/**
 * Edits from `a` to `b`: Levenshtein's, with a swap of two neighbours counted as half an edit — one
 * slip, and a likelier one than a wrong letter ("OTD" stands for ODT rather than NTD).
 */
const edits = (a: string, b: string) => (isTransposition(a, b) ? 0.5 : distance(a, b));

/**
 * The known words `word` most likely stands for, best first: the same word but for case,
 * surrounding whitespace and digits typed for look-alike letters; else the closest by edits
 * (case-insensitive; a swap of two neighbouring characters is half an edit) within one edit per three
 * characters. Several equally close words are all returned (at most three, in the order of
 * `known`): for a three-letter code one edit away stand many codes, and picking one would guess.
 */
export function closestMatches(word: string, known: Iterable<string>): string[] {
  const wanted = folded(word);
  if (wanted === "") return [];
  const allowed = allowedEdits(wanted.length);
  let best: string[] = [];
  let bestEdits = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = edits(wanted, folded(candidate));
    if (d > allowed) continue;
    if (d < bestEdits) {
      best = [candidate];
      bestEdits = d;
    } else if (d === bestEdits) best.push(candidate);
  }
  return best.slice(0, MAX_SUGGESTIONS);
}

/**
 * ` (có phải "x"?)` / ` (did you mean "x"?)` — or `"x", "y" hoặc "z"` / `"x", "y" or "z"` for
 * equal candidates — or empty text when nothing is close enough. Suggestions are quoted as JSON
 * strings (they may come from a file: no raw quotes or line breaks).
 */
export function didYouMean(word: string, known: Iterable<string>): { vi: string; en: string } {
  const matches = closestMatches(word, known).map(showValue);
  if (matches.length === 0) return { vi: "", en: "" };
  const list = (or: string) =>
    matches.length === 1
      ? (matches[0] as string)
      : `${matches.slice(0, -1).join(", ")} ${or} ${matches.at(-1)}`;
  return { vi: ` (có phải ${list("hoặc")}?)`, en: ` (did you mean ${list("or")}?)` };
}
