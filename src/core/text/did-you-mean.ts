import { distance } from "fastest-levenshtein";
import { showValue } from "./show-value";

/**
 * Edits allowed for a word of `length` characters to still count as a slip of that word: one per
 * three characters, at least one. "toleranceSquareMeter" (1 edit) and "land_use_cod" (1) get a
 * suggestion; "xyz" for "district_code" does not, so nonsense is never "corrected".
 */
const allowedEdits = (length: number) => Math.max(1, Math.floor(length / 3));

/**
 * The known word `word` most likely stands for: the same word but for case and surrounding
 * whitespace, else the closest by Levenshtein distance (case-insensitive) within one edit per three
 * characters; null when none is that close. Ties go to the first in `known`.
 */
export function closestMatch(word: string, known: Iterable<string>): string | null {
  const wanted = word.trim().toLowerCase();
  if (wanted === "") return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === wanted ? 0 : distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= allowedEdits(wanted.length) ? best : null;
}

/**
 * ` (có phải "x"?)` / ` (did you mean "x"?)`, or empty text when nothing is close enough. The
 * suggestion is quoted as a JSON string (it may come from a file: no raw quotes or line breaks).
 */
export function didYouMean(word: string, known: Iterable<string>): { vi: string; en: string } {
  const match = closestMatch(word, known);
  if (match === null) return { vi: "", en: "" };
  const shown = showValue(match);
  return { vi: ` (có phải ${shown}?)`, en: ` (did you mean ${shown}?)` };
}
