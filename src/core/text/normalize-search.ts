/**
 * Vietnamese administrative unit prefixes, longest first so "Thành phố" wins over shorter prefixes.
 * Users type "Hoàn Kiếm" as often as "Quận Hoàn Kiếm", so matching also tries the name without them.
 */
export const UNIT_PREFIXES = ["Thành phố", "Thị xã", "Thị trấn", "Quận", "Huyện", "Phường", "Xã"];

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds text for search: decomposes (NFD), drops combining marks (tones and vowel hats), maps đ/Đ to
 * d (đ is a letter of its own, not a mark, so NFD keeps it), lowercases and collapses whitespace.
 *
 * @example normalizeSearch("  Quận  Đống Đa ") === "quan dong da"
 */
export function normalizeSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The name without its leading unit prefix ("Quận Hoàn Kiếm" → "Hoàn Kiếm"), diacritics kept, for
 * short labels. Names without a known prefix come back unchanged.
 */
export function stripUnitPrefix(name: string): string {
  const trimmed = name.trim();
  for (const prefix of UNIT_PREFIXES) {
    if (trimmed.startsWith(`${prefix} `)) return trimmed.slice(prefix.length + 1).trim();
  }
  return trimmed;
}
