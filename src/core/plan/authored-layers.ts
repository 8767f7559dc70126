import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
} from "geojson";

/** Every layers/**\/*.geojson, keyed by its path relative to layers/ (as the data step passes it). */
export type AuthoredLayers = Record<string, FeatureCollection>;

/** Label of a feature for messages: its index and, when it has one, its id. */
export function featureLabel(feature: Feature, index: number): string {
  const id = feature.properties?.id;
  return typeof id === "string" ? `feature #${index} (id "${id}")` : `feature #${index}`;
}

/**
 * The authored collection at `key`.
 *
 * @throws Error naming the missing file
 */
export function authoredCollection(authored: AuthoredLayers, key: string): FeatureCollection {
  const collection = authored[key];
  if (!collection) throw new Error(`layers/${key}: file is missing (needed by the plan generator)`);
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
      throw new Error(
        `layers/${key}: ${featureLabel(feature, index)}: expected a line, found ${type}`,
      );
    }
    const widthM = feature.properties?.width_m;
    if (typeof widthM !== "number" || !(widthM > 0)) {
      throw new Error(
        `layers/${key}: ${featureLabel(feature, index)}: "width_m" must be a positive number of metres`,
      );
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
      throw new Error(
        `layers/${key}: ${featureLabel(feature, index)}: expected a polygon, found ${type}`,
      );
    }
    return feature as Feature<Polygon | MultiPolygon>;
  });
}
