import type { FeatureCollection } from "geojson";
import geojsonValidation from "geojson-validation";
import { findGeometryProblems } from "./check-geometry";
import { collectionProblem, isFeatureObject, isObject, notAFeature } from "./collection-problem";
import { parseJsonText } from "./json-text";
import type { Bilingual, ProblemCode, ValidationIssue } from "./validation-issue";
import { describeFeature, hasErrors, issueIn } from "./validation-issue";

export type ValidateOptions = {
  /** The file as the user knows it; every issue names it. */
  file: string;
  /** Properties every feature must carry with a non-empty value, e.g. ["code", "name"]. */
  requiredProperties?: readonly string[];
  /**
   * How to treat self-intersecting polygons and misplaced holes (outside their outer ring, inside
   * another hole). "warning" exists for context-only inputs whose simplification left small
   * crossings that do not matter at their scale.
   */
  selfIntersection?: "error" | "warning";
};

/** Problems of how rings lie against each other: their severity is `selfIntersection`. */
const RING_TOPOLOGY: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "self-intersection",
  "hole-outside-shell",
  "nested-holes",
]);

/** The collection when it has no errors (warnings allowed), and every issue found. */
export type ValidationResult = {
  collection: FeatureCollection | null;
  issues: ValidationIssue[];
};

/** geojson-validation throws on some malformed input (e.g. an empty ring); that is a finding too. */
function libraryTrace(check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

const isEmptyValue = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * Validates parsed JSON as a GeoJSON FeatureCollection: the GeoJSON grammar (geojson-validation),
 * then geometry validity (closed rings of ≥ 4 positions, finite in-range WGS84 coordinates, no
 * self-intersecting polygons), then required properties. Each issue names the file and the feature
 * (index and id/code/name). Never throws on bad input.
 */
export function validateFeatureCollection(
  value: unknown,
  options: ValidateOptions,
): ValidationResult {
  const { file } = options;
  const issues: ValidationIssue[] = [];
  const fileIssue = (code: ProblemCode, message: Bilingual) =>
    issues.push(issueIn(file, null, code, message));

  const problem = collectionProblem(value);
  if (problem) {
    fileIssue(problem.code, problem.message);
    return { collection: null, issues };
  }
  const collection = value as Record<string, unknown> & { features: unknown[] };
  const collectionTrace = libraryTrace(() =>
    geojsonValidation.isFeatureCollection({ ...collection, features: [] }, true),
  );
  if (collectionTrace.length > 0) {
    fileIssue("invalid-geojson", {
      vi: `không đúng chuẩn GeoJSON: ${collectionTrace.join("; ")}`,
      en: `is not valid GeoJSON: ${collectionTrace.join("; ")}`,
    });
  }

  const features = collection.features;
  const selfIntersectionSeverity = options.selfIntersection ?? "error";
  features.forEach((feature, featureIndex) => {
    const ref = { index: featureIndex, count: features.length, label: describeFeature(feature) };
    let found = false;
    const add = (
      code: ProblemCode,
      message: Bilingual,
      severity: "error" | "warning" = "error",
    ) => {
      if (severity === "error") found = true;
      issues.push(issueIn(file, ref, code, message, severity));
    };
    if (!isFeatureObject(feature)) {
      add("invalid-geojson", notAFeature(feature));
      return;
    }
    if (feature.geometry === null || feature.geometry === undefined) {
      add("no-geometry", { vi: "không có hình học", en: "has no geometry" });
    } else {
      for (const problem of findGeometryProblems(feature.geometry, { selfIntersection: true })) {
        add(
          problem.code,
          problem.message,
          RING_TOPOLOGY.has(problem.code) ? selfIntersectionSeverity : "error",
        );
      }
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    for (const key of options.requiredProperties ?? []) {
      if (isEmptyValue(properties[key])) {
        add("missing-property", {
          vi: `thiếu thuộc tính "${key}"`,
          en: `missing property "${key}"`,
        });
      }
    }
    if (found) return;
    const trace = libraryTrace(() => geojsonValidation.isFeature(feature, true));
    if (trace.length > 0) {
      add("invalid-geojson", {
        vi: `không đúng chuẩn GeoJSON: ${trace.join("; ")}`,
        en: `is not valid GeoJSON: ${trace.join("; ")}`,
      });
    }
  });

  return {
    collection: hasErrors(issues) ? null : (value as unknown as FeatureCollection),
    issues,
  };
}

/** {@link parseJsonText} then {@link validateFeatureCollection}. */
export function validateGeoJsonText(text: string, options: ValidateOptions): ValidationResult {
  const parsed = parseJsonText(text, options.file);
  if (!parsed.ok) return { collection: null, issues: [parsed.issue] };
  return validateFeatureCollection(parsed.value, options);
}
