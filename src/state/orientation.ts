import type { Feature, FeatureCollection, Position } from "geojson";

/** What an orientation feature is: it decides its colour and from which zoom its name shows. */
export type OrientationKind = "river" | "lake" | "ring-road" | "district-seat";

const KINDS: readonly OrientationKind[] = ["river", "lake", "ring-road", "district-seat"];

/**
 * Zoom from which each kind's name is shown: the first view shows only the district names, a
 * closer view names what a planner recognises the place by.
 */
export const ORIENTATION_LABEL_MIN_ZOOM: Record<OrientationKind, number> = {
  river: 10,
  "ring-road": 11,
  "district-seat": 11,
  lake: 12,
};

/** One name of the orientation layer, placed at a point of its feature. */
export type OrientationLabel = {
  id: string;
  kind: OrientationKind;
  name: string;
  /** [lon, lat]. */
  at: [number, number];
  minZoom: number;
};

function kindOf(feature: Feature): OrientationKind | undefined {
  const kind = feature.properties?.kind;
  return KINDS.find((k) => k === kind);
}

/**
 * The orientation file's features that the map can draw: those of a known kind with a string id and
 * name. Anything else (a hand-edited file) is left out rather than breaking the map.
 */
export function orientationFeatures(json: unknown): FeatureCollection {
  const doc = json as Partial<FeatureCollection> | null;
  const features = Array.isArray(doc?.features) ? doc.features : [];
  return {
    type: "FeatureCollection",
    features: features.filter(
      (f): f is Feature =>
        typeof f === "object" &&
        f !== null &&
        typeof f.geometry === "object" &&
        f.geometry !== null &&
        kindOf(f) !== undefined &&
        typeof f.properties?.id === "string" &&
        typeof f.properties?.name === "string",
    ),
  };
}

/** The middle vertex of a line, the vertex average of a ring: inside enough for coarse shapes. */
function labelPoint(feature: Feature): Position | undefined {
  const g = feature.geometry;
  if (g.type === "Point") return g.coordinates;
  if (g.type === "LineString") return g.coordinates[Math.floor(g.coordinates.length / 2)];
  if (g.type === "Polygon") {
    const ring = g.coordinates[0]?.slice(0, -1) ?? [];
    if (ring.length === 0) return undefined;
    let lon = 0;
    let lat = 0;
    for (const [x = 0, y = 0] of ring) {
      lon += x;
      lat += y;
    }
    return [lon / ring.length, lat / ring.length];
  }
  return undefined;
}

/** The names the orientation layer shows, one per feature, with the zoom they appear from. */
export function orientationLabels(collection: FeatureCollection): OrientationLabel[] {
  return collection.features.flatMap((feature) => {
    const kind = kindOf(feature);
    const point = labelPoint(feature);
    const id = feature.properties?.id;
    const name = feature.properties?.name;
    if (!kind || !point || typeof id !== "string" || typeof name !== "string") return [];
    const [lon = 0, lat = 0] = point;
    return [{ id, kind, name, at: [lon, lat], minZoom: ORIENTATION_LABEL_MIN_ZOOM[kind] }];
  });
}
