import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
} from "geojson";
import { showValue } from "../text/show-value";
import { placeIn } from "../validate/validation-issue";
import { PlanInputError } from "./plan-input-error";

/** Every layers/**\/*.geojson, keyed by its path relative to layers/ (as the data step passes it). */
export type AuthoredLayers = Record<string, FeatureCollection>;

/**
 * Where a feature of an authored file is, for messages, as the validator says it ({@link placeIn}):
 * `layers/<key>, đối tượng / feature 1 (features[0]; id "VD4")`.
 */
export function featureWhere(key: string, feature: Feature, index: number): string {
  const id = feature.properties?.id;
  const label = typeof id === "string" ? `id ${showValue(id)}` : null;
  return placeIn(`layers/${key}`, { index, count: null, label });
}

/**
 * The authored collection at `key`.
 *
 * @throws Error naming the missing file
 */
export function authoredCollection(authored: AuthoredLayers, key: string): FeatureCollection {
  const collection = authored[key];
  if (!collection) {
    throw new PlanInputError(`layers/${key}`, {
      vi: "thiếu tệp (bộ sinh lớp quy hoạch cần nó)",
      en: "file is missing (needed by the plan generator)",
    });
  }
  return collection;
}

/** A line of an authored file with the corridor width it declares. */
export type WidthLine = { feature: Feature<LineString | MultiLineString>; widthM: number };

/**
 * The line features of `key` with their `width_m` (metres, > 0).
 *
 * @throws Error naming the file and the feature when a feature is not a line or has no width
 */
export function widthLines(authored: AuthoredLayers, key: string): WidthLine[] {
  return authoredCollection(authored, key).features.map((feature, index) => {
    const type = feature.geometry?.type;
    if (type !== "LineString" && type !== "MultiLineString") {
      throw new PlanInputError(featureWhere(key, feature, index), {
        vi: `cần một đường (LineString), không phải ${type}`,
        en: `expected a line, found ${type}`,
      });
    }
    const widthM = feature.properties?.width_m;
    if (typeof widthM !== "number" || !(widthM > 0)) {
      throw new PlanInputError(featureWhere(key, feature, index), {
        vi: '"width_m" phải là số mét dương',
        en: '"width_m" must be a positive number of metres',
      });
    }
    return { feature: feature as Feature<LineString | MultiLineString>, widthM };
  });
}

/**
 * The polygon features of `key`.
 *
 * @throws Error naming the file and the feature when a feature is not a polygon
 */
export function areaFeatures(
  authored: AuthoredLayers,
  key: string,
): Feature<Polygon | MultiPolygon>[] {
  return authoredCollection(authored, key).features.map((feature, index) => {
    const type = feature.geometry?.type;
    if (type !== "Polygon" && type !== "MultiPolygon") {
      throw new PlanInputError(featureWhere(key, feature, index), {
        vi: `cần một vùng (Polygon), không phải ${type}`,
        en: `expected a polygon, found ${type}`,
      });
    }
    return feature as Feature<Polygon | MultiPolygon>;
  });
}
