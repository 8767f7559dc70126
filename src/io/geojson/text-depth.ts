import type { Bilingual } from "../../core/validate/validation-issue";

/**
 * Where a JSON text first nests arrays and objects more than `max` deep (the index of the bracket
 * that goes too deep), or -1. One pass over the characters, strings skipped, nothing allocated: it
 * runs before `JSON.parse`, which builds a text nested 10 000 000 deep (17 s, 1 GiB) before
 * anything can look at it. Brackets that do not balance are left to the parser to report.
 */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return i;
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** The problem of a text nested too deep, `where` saying the line (and column) it happens at. */
export function tooDeepText(where: Bilingual, max: number): Bilingual {
  return {
    vi: `lồng nhau quá ${max} tầng (mảng, đối tượng lồng trong nhau) ${where.vi}; GeoJSON chỉ cần dưới 10 tầng: tệp bị hỏng hoặc không phải GeoJSON`,
    en: `is nested more than ${max} deep (arrays or objects inside each other) ${where.en}; a GeoJSON needs fewer than 10 levels: the file is damaged or not GeoJSON`,
  };
}
