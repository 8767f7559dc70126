import { bbox } from "@turf/turf";
import type { FeatureCollection } from "geojson";

/** A WGS84 bounding box: [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/**
 * Hanoi's extent before the 2025 reform (105.285–106.020 E, 20.564–21.386 N), rounded outwards.
 * The first view before any data arrives, and the fallback when the district index is missing.
 */
export const HANOI_BBOX: Bbox = [105.28, 20.56, 106.03, 21.39];

/** The box around every geometry of a collection, or null when it has none to measure. */
export function collectionBbox(collection: FeatureCollection): Bbox | null {
  const withGeometry = collection.features.filter((f) => f.geometry !== null);
  if (withGeometry.length === 0) return null;
  const box = bbox({ type: "FeatureCollection", features: withGeometry });
  const [w, s, e, n] = box as [number, number, number, number];
  return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
}
