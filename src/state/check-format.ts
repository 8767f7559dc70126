import type { TFunction } from "i18next";
import type { Finding } from "../core/check/index";
import { DESCRIPTORS } from "../core/check/rules/descriptors";
import type { FindingTextTools } from "../core/check/rules/types";
import { formatFixed, formatNumber, LOCALES } from "./format";
import type { Language } from "./url-state";

const SQUARE_METERS_PER_HECTARE = 10_000;

/** An area given in m²: below one hectare in m² ("5.911 m²"), above in ha ("11,84 ha"). */
export function formatArea(squareMeters: number, lang: Language): string {
  if (Math.abs(squareMeters) < SQUARE_METERS_PER_HECTARE) {
    return `${formatNumber(squareMeters, lang, Math.abs(squareMeters) < 10 ? 1 : 0)} m²`;
  }
  return formatHectares(squareMeters / SQUARE_METERS_PER_HECTARE, lang);
}

/** Hectares with two decimals: vi "2.672,22 ha", en "2,672.22 ha". */
export function formatHectares(hectares: number, lang: Language): string {
  return `${formatFixed(hectares, lang, 2)} ha`;
}

/** A share 0–1 as a percentage with one decimal ("1,6%"); a non-zero share below 0.1 % says so. */
export function formatShare(share: number, lang: Language): string {
  const format = (value: number) =>
    new Intl.NumberFormat(LOCALES[lang], { style: "percent", maximumFractionDigits: 1 }).format(
      value,
    );
  return share > 0 && share < 0.001 ? `< ${format(0.001)}` : format(share);
}

/** A duration in seconds with two decimals: vi "0,62 s", en "0.62 s". */
export function formatSeconds(ms: number, lang: Language): string {
  return `${formatFixed(ms / 1000, lang, 2)} s`;
}

/** A distance in metres: "12,5 m". */
export function formatMeters(meters: number, lang: Language): string {
  return `${formatNumber(meters, lang, 1)} m`;
}

/**
 * What a finding measured, one sentence per fact, in the UI language: each rule type's descriptor
 * says its own (the clearance, the area against a target, the land-use pair and verdict, the
 * geometry problem). Area and share are shown elsewhere in the row.
 */
export function findingDetails(finding: Finding, t: TFunction, lang: Language): string[] {
  const tools: FindingTextTools = {
    t: (key, values) => t(key, values ?? {}),
    meters: (value) => formatMeters(value, lang),
    hectares: (value) => formatHectares(value, lang),
  };
  const lines: string[] = [];
  for (const descriptor of DESCRIPTORS) {
    for (const line of descriptor.details(finding, tools)) lines.push(line);
  }
  return lines;
}
