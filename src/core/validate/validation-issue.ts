import { showValue } from "../text/show-value";

/** A sentence in both CLI languages: civil servants read Vietnamese, maintainers may need English. */
export type Bilingual = { vi: string; en: string };

/** What is wrong, as a stable code tests and callers can match on. */
export type ProblemCode =
  | "not-utf8"
  | "too-large"
  | "not-json"
  | "not-geojson"
  | "not-feature-collection"
  | "invalid-geojson"
  | "wrong-geometry-type"
  | "no-geometry"
  | "bad-coordinate"
  | "short-ring"
  | "unclosed-ring"
  | "self-intersection"
  | "hole-outside-shell"
  | "nested-holes"
  | "missing-property"
  | "not-dvhcvn"
  | "unknown-district-type"
  | "wrong-feature-count"
  | "duplicate-code"
  | "missing-district"
  | "unexpected-district"
  | "district-tiling"
  | "bad-id"
  | "duplicate-id"
  | "antimeridian"
  /** Reading files of any format (src/io): */
  | "unknown-format"
  | "unreadable-file"
  | "unreadable-feature"
  | "missing-part"
  | "several-layers"
  | "geometry-collection"
  | "has-z"
  | "deep-value"
  | "guessed-encoding"
  | "unknown-crs"
  /** Proposals (src/core/proposal): */
  | "empty-collection"
  | "outside-vietnam"
  | "no-land-use-attribute"
  | "missing-land-use-code"
  | "unknown-land-use-code"
  | "tidied-land-use-code";

/**
 * One problem found in an input file. `featureIndex` is the position in `features` (0-based), or
 * null when the file as a whole is wrong; `featureLabel` repeats the feature's id, code and name so
 * a user can find it without counting.
 */
export type ValidationIssue = {
  file: string;
  featureIndex: number | null;
  featureCount: number | null;
  featureLabel: string | null;
  code: ProblemCode;
  severity: "error" | "warning";
  message: Bilingual;
};

/** Where in a file an issue is: the feature's index, the collection's size, its id/code/name. */
export type FeatureRef = { index: number; count: number; label: string | null };

/** An issue about a whole file (`feature` null) or one feature of it. */
export function issueIn(
  file: string,
  feature: FeatureRef | null,
  code: ProblemCode,
  message: Bilingual,
  severity: "error" | "warning" = "error",
): ValidationIssue {
  return {
    file,
    featureIndex: feature?.index ?? null,
    featureCount: feature?.count ?? null,
    featureLabel: feature?.label ?? null,
    code,
    severity,
    message,
  };
}

const isLabel = (value: unknown): value is string | number =>
  typeof value === "string" || typeof value === "number";

/**
 * `id "x"; code "005"; name "Quận Ba Đình"` — whichever of them a feature-like value has. The id is
 * the GeoJSON `id`, else `properties.id` (as the check takes it); the name is `name`, else `ten`
 * (Vietnamese offices' own attribute name).
 */
export function describeFeature(feature: unknown): string | null {
  if (typeof feature !== "object" || feature === null) return null;
  const { id, properties } = feature as { id?: unknown; properties?: unknown };
  const values = (
    typeof properties === "object" && properties !== null ? properties : {}
  ) as Record<string, unknown>;
  const parts: string[] = [];
  const shownId = isLabel(id) ? id : values.id;
  if (isLabel(shownId)) parts.push(`id ${showValue(shownId)}`);
  if (isLabel(values.code)) parts.push(`code ${showValue(values.code)}`);
  const name = isLabel(values.name) ? values.name : values.ten;
  if (isLabel(name)) parts.push(`name ${showValue(name)}`);
  return parts.length > 0 ? parts.join("; ") : null;
}

/**
 * One line for a terminal, Vietnamese then English, e.g.
 * `Lỗi / Error: a.geojson, đối tượng / feature 4/30 (features[3]; code "005"): … / …`.
 */
export function formatIssue(issue: ValidationIssue): string {
  const head = issue.severity === "error" ? "Lỗi / Error" : "Cảnh báo / Warning";
  const feature =
    issue.featureIndex === null
      ? null
      : { index: issue.featureIndex, count: issue.featureCount, label: issue.featureLabel };
  return `${head}: ${placeIn(issue.file, feature)}: ${issue.message.vi} / ${issue.message.en}`;
}

/**
 * Where in a file something is, as every message about input files says it: the file, and for a
 * feature its number (of how many, when known), its index and its label:
 * `a.geojson, đối tượng / feature 4/30 (features[3]; code "005")`.
 */
export function placeIn(
  file: string,
  feature: { index: number; count: number | null; label: string | null } | null,
): string {
  if (!feature) return file;
  const ordinal = `${feature.index + 1}${feature.count === null ? "" : `/${feature.count}`}`;
  const details = [`features[${feature.index}]`];
  if (feature.label) details.push(feature.label);
  return `${file}, đối tượng / feature ${ordinal} (${details.join("; ")})`;
}

/** True when any issue stops the data step (warnings do not). */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}
