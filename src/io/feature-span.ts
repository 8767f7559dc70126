import { bbox } from "@turf/turf";
import type { Feature, Geometry } from "geojson";

/**
 * How large a layer's features are on a map: the median of their extents, each the larger side
 * of the feature's box in Web Mercator, as a fraction of the world's width (the unit of a zoom-0
 * tile). A feature spans `span × 512 × 2^z` pixels at zoom z in 512-pixel tiles; the map draws a
 * large layer of features a few pixels across as pictures rather than one by one
 * (src/map/packed-pictures.ts). Points span 0; a layer without features spans 0.
 */
export function medianSpan(features: readonly Feature[]): number {
  const spans = new Float64Array(features.length);
  let n = 0;
  for (const feature of features) {
    if (feature.geometry) spans[n++] = geometrySpan(feature.geometry);
  }
  if (n === 0) return 0;
  const sorted = spans.subarray(0, n).sort();
  return sorted[(n - 1) >> 1] as number;
}

/** The larger side of `geometry`'s box in Web Mercator, as a fraction of the world's width. */
export function geometrySpan(geometry: Geometry): number {
  const [west, south, east, north] = bbox(geometry);
  if (!(east >= west)) return 0;
  return Math.max((east - west) / 360, mercatorY(south) - mercatorY(north));
}

/** Web Mercator y of a latitude (degrees), as a fraction of the world's height, north up. */
function mercatorY(lat: number): number {
  const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
  const phi = (clamped * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}
