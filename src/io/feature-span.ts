import type { Feature, Geometry, Position } from "geojson";

/**
 * How large a layer's features are on a map: the median of their extents, each the larger side
 * of the feature's box in Web Mercator, as a fraction of the world's width (the unit of a zoom-0
 * tile). A feature spans `span × 512 × 2^z` pixels at zoom z in 512-pixel tiles; the map draws a
 * large layer of features a few pixels across as pictures rather than one by one
 * (src/map/overview.ts). Points span 0; a layer without features spans 0.
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
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  extend(box, geometry);
  if (box.minX > box.maxX) return 0;
  return Math.max(box.maxX - box.minX, mercatorY(box.minY) - mercatorY(box.maxY));
}

type Box = { minX: number; minY: number; maxX: number; maxY: number };

function extend(box: Box, geometry: Geometry): void {
  if (geometry.type === "GeometryCollection") {
    for (const part of geometry.geometries) extend(box, part);
    return;
  }
  walk(box, geometry.coordinates, depthOf(geometry.type));
}

/** Nesting of positions in a geometry's coordinates (0: the coordinates are one position). */
function depthOf(type: Exclude<Geometry["type"], "GeometryCollection">): number {
  switch (type) {
    case "Point":
      return 0;
    case "MultiPoint":
    case "LineString":
      return 1;
    case "MultiLineString":
    case "Polygon":
      return 2;
    case "MultiPolygon":
      return 3;
  }
}

function walk(box: Box, coordinates: unknown, depth: number): void {
  if (depth === 0) {
    const [lon, lat] = coordinates as Position;
    const x = (lon as number) / 360;
    if (x < box.minX) box.minX = x;
    if (x > box.maxX) box.maxX = x;
    // latitudes kept as such: projected once per box (see geometrySpan)
    if ((lat as number) < box.minY) box.minY = lat as number;
    if ((lat as number) > box.maxY) box.maxY = lat as number;
    return;
  }
  for (const part of coordinates as unknown[]) walk(box, part, depth - 1);
}

/** Web Mercator y of a latitude (degrees), as a fraction of the world's height, north up. */
function mercatorY(lat: number): number {
  const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
  const phi = (clamped * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}
