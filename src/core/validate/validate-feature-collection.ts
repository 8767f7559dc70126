import type { FeatureCollection } from "geojson";
import geojsonValidation from "geojson-validation";
import { findGeometryProblems } from "./check-geometry";
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

const GEOMETRY_TYPES = new Set([
  "Point",
  "MultiPoint",
  "LineString",
  "MultiLineString",
  "Polygon",
  "MultiPolygon",
  "GeometryCollection",
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

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

  if (!isObject(value)) {
    fileIssue("not-geojson", {
      vi: "không phải đối tượng GeoJSON (cần một FeatureCollection)",
      en: "is not a GeoJSON object (a FeatureCollection is expected)",
    });
    return { collection: null, issues };
  }
  const type = value.type;
  if (type !== "FeatureCollection") {
    if (type === "Feature" || GEOMETRY_TYPES.has(String(type))) {
      fileIssue("not-feature-collection", {
        vi: `là một ${String(type)}, cần một FeatureCollection`,
        en: `is a ${String(type)}; a FeatureCollection is expected`,
      });
    } else {
      fileIssue("not-geojson", {
        vi: `kiểu ${JSON.stringify(type ?? null)} không phải GeoJSON (cần "FeatureCollection")`,
        en: `type ${JSON.stringify(type ?? null)} is not GeoJSON ("FeatureCollection" expected)`,
      });
    }
    return { collection: null, issues };
  }
  if (!Array.isArray(value.features)) {
    fileIssue("invalid-geojson", {
      vi: "thiếu mảng features",
      en: "has no features array",
    });
    return { collection: null, issues };
  }
  const collectionTrace = libraryTrace(() =>
    geojsonValidation.isFeatureCollection({ ...value, features: [] }, true),
  );
  if (collectionTrace.length > 0) {
    fileIssue("invalid-geojson", {
      vi: `không đúng chuẩn GeoJSON: ${collectionTrace.join("; ")}`,
      en: `is not valid GeoJSON: ${collectionTrace.join("; ")}`,
    });
  }

  const features: unknown[] = value.features;
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
    if (!isObject(feature) || feature.type !== "Feature") {
      const actual = isObject(feature) ? JSON.stringify(feature.type ?? null) : typeof feature;
      add("invalid-geojson", {
        vi: `không phải Feature (kiểu ${actual})`,
        en: `is not a Feature (type ${actual})`,
      });
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

/**
 * Parses file text as JSON (UTF-8, optional byte-order mark); text that is not JSON becomes a
 * "not-json" issue naming the file and the parser's message, never an exception.
 */
export function parseJsonText(
  text: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issue: issueIn(file, null, "not-json", {
        vi: `không phải JSON hợp lệ (${detail})`,
        en: `is not valid JSON (${detail})`,
      }),
    };
  }
}

/** {@link parseJsonText} then {@link validateFeatureCollection}. */
export function validateGeoJsonText(text: string, options: ValidateOptions): ValidationResult {
  const parsed = parseJsonText(text, options.file);
  if (!parsed.ok) return { collection: null, issues: [parsed.issue] };
  return validateFeatureCollection(parsed.value, options);
}
