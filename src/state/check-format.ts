import type { TFunction } from "i18next";
import type { Finding, GeometryProblem } from "../core/check/index";
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

/** What a geometry problem's count counts: overlapping parts, misplaced holes, or places. */
function countDetail(
  problem: GeometryProblem,
): "check.detail.overlappingParts" | "check.detail.holeCount" | "check.detail.problemCount" {
  switch (problem) {
    case "overlapping-parts":
      return "check.detail.overlappingParts";
    case "hole-outside-shell":
    case "nested-holes":
      return "check.detail.holeCount";
    default:
      return "check.detail.problemCount";
  }
}

/**
 * What a finding measured, one sentence per fact, in the UI language: the clearance (min-distance),
 * the area against its target (quota), the pair of land-use values and the verdict (compatibility),
 * the geometry problem (valid-geometry). Area and share are shown elsewhere in the row.
 */
export function findingDetails(finding: Finding, t: TFunction, lang: Language): string[] {
  const m = finding.measures;
  const lines: string[] = [];
  if (finding.problem) {
    const problem = t(`check.problem.${finding.problem}`);
    lines.push(
      m.widthMeters !== undefined
        ? t("check.detail.sliver", { problem, width: formatMeters(m.widthMeters, lang) })
        : m.count === undefined
          ? problem
          : t(countDetail(finding.problem), { problem, n: m.count }),
    );
  }
  if (m.distanceMeters !== undefined) {
    lines.push(
      m.requiredDistanceMeters
        ? t("check.detail.distance", {
            distance: formatMeters(m.distanceMeters, lang),
            required: formatMeters(m.requiredDistanceMeters, lang),
          })
        : t("check.detail.inside"),
    );
  }
  if (m.actualHectares !== undefined) {
    const actual = formatHectares(m.actualHectares, lang);
    if (m.shortfallHectares !== undefined && m.minHectares !== undefined) {
      lines.push(
        t("check.detail.shortfall", {
          actual,
          target: formatHectares(m.minHectares, lang),
          gap: formatHectares(m.shortfallHectares, lang),
        }),
      );
    }
    if (m.excessHectares !== undefined && m.maxHectares !== undefined) {
      lines.push(
        t("check.detail.excess", {
          actual,
          target: formatHectares(m.maxHectares, lang),
          gap: formatHectares(m.excessHectares, lang),
        }),
      );
    }
  }
  if (finding.illustrative) lines.push(t("check.detail.illustrativeTarget"));
  if (m.verdict && m.subjectValue !== undefined && m.constraintValue !== undefined) {
    lines.push(
      t("check.detail.compatibility", {
        subject: m.subjectValue,
        constraint: m.constraintValue,
        verdict: t(`check.verdict.${m.verdict}`),
      }),
    );
  }
  return lines;
}
