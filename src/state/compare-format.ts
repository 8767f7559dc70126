import type { FindingFormat } from "../core/check/format-findings";
import { OFFICIAL_LAND_USE_CODES } from "../core/plan/official-land-use-codes";
import { formatHectares } from "./check-format";
import type { Language } from "./url-state";

/**
 * The official name of a land-use code in the language ("ODT" → "Đất ở tại đô thị"), or null for
 * no code and for values that are no official code. The code comes from a file: looked up as an
 * own key only, so "__proto__" or "toString" are just unknown codes.
 */
export function landUseName(code: string | null, lang: Language): string | null {
  if (code === null || !Object.hasOwn(OFFICIAL_LAND_USE_CODES, code)) return null;
  return (OFFICIAL_LAND_USE_CODES[code] as { vi: string; en: string })[lang];
}

/** A change in hectares with its sign, two decimals: vi "+312,00 ha", "−280,50 ha", "0,00 ha". */
export function formatSignedHectares(hectares: number, lang: Language): string {
  // below half a hundredth it shows as 0,00: no sign then (a "−0,00 ha" reads as a loss)
  if (Math.abs(hectares) < 0.005) return formatHectares(0, lang);
  return `${hectares > 0 ? "+" : "−"}${formatHectares(Math.abs(hectares), lang)}`;
}

/**
 * The file name of an export, after the proposal's file: "de-xuat.geojson" → "de-xuat.so-sanh.csv".
 * The name is the user's: its folder part, extension and characters that are not allowed in file
 * names (or that hide text: control and bidirectional marks) are left out.
 */
export function comparisonFileName(proposalFile: string, format: FindingFormat): string {
  const name = proposalFile.split(/[/\\]/).pop() ?? "";
  const stem = name
    .replace(/\.[^.]*$/, "")
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, "")
    .trim();
  return `${stem || "phuong-an"}.so-sanh.${format}`;
}
