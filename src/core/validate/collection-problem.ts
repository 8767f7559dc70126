import { showValue } from "../text/show-value";
import type { Bilingual, ProblemCode } from "./validation-issue";

/** The GeoJSON geometry types (RFC 7946 §3.1). */
export const GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  "Point",
  "MultiPoint",
  "LineString",
  "MultiLineString",
  "Polygon",
  "MultiPolygon",
  "GeometryCollection",
]);

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Why parsed JSON is not a GeoJSON FeatureCollection with a `features` array, or null when it is
 * one. A lone Feature or geometry is named as such, so the user knows what to wrap.
 */
export function collectionProblem(
  value: unknown,
): { code: ProblemCode; message: Bilingual } | null {
  if (!isObject(value)) {
    const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
    return {
      code: "not-geojson",
      message: {
        vi: `không phải đối tượng GeoJSON (là ${kind}; cần một FeatureCollection)`,
        en: `is not a GeoJSON object (it is ${kind}; a FeatureCollection is expected)`,
      },
    };
  }
  const type = value.type;
  if (type !== "FeatureCollection") {
    if (type === "Feature" || GEOMETRY_TYPES.has(String(type))) {
      return {
        code: "not-feature-collection",
        message: {
          vi: `là một ${String(type)}, cần một FeatureCollection`,
          en: `is a ${String(type)}; a FeatureCollection is expected`,
        },
      };
    }
    const shown = showValue(type ?? null);
    return {
      code: "not-geojson",
      message: {
        vi: `kiểu ${shown} không phải GeoJSON (cần "FeatureCollection")`,
        en: `type ${shown} is not GeoJSON ("FeatureCollection" expected)`,
      },
    };
  }
  if (!Array.isArray(value.features)) {
    return {
      code: "invalid-geojson",
      message: { vi: "thiếu mảng features", en: "has no features array" },
    };
  }
  return null;
}

/** Whether a member of a collection's `features` is a Feature: an object of type "Feature". */
export const isFeatureObject = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && value.type === "Feature";

/**
 * Why a member of `features` is not a Feature (see {@link isFeatureObject}): its `type` quoted
 * short, whatever the file holds there.
 */
export function notAFeature(value: unknown): Bilingual {
  const type = isObject(value)
    ? showValue(value.type ?? null)
    : Array.isArray(value)
      ? "array"
      : typeof value;
  return { vi: `không phải Feature (kiểu ${type})`, en: `is not a Feature (type ${type})` };
}
