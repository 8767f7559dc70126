import { booleanPointInPolygon, centerOfMass } from "@turf/turf";
import type { Feature, Position } from "geojson";
import { polygonsOf } from "../check/prepared-geometry";
import type { AreaGeometry } from "./types";

/**
 * Midpoint of the widest inside stretch of the horizontal line at `y` (even–odd rule, so holes
 * count as outside), or null when the line misses the area.
 */
function widestChordMidpoint(geometry: AreaGeometry, y: number): Position | null {
  const crossings: number[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1] as [number, number];
        const [x2, y2] = ring[i] as [number, number];
        if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
  }
  crossings.sort((a, b) => a - b);
  let best: Position | null = null;
  let bestWidth = 0;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const left = crossings[i] as number;
    const right = crossings[i + 1] as number;
    if (right - left > bestWidth) {
      bestWidth = right - left;
      best = [(left + right) / 2, y];
    }
  }
  return best;
}

/**
 * A point inside an area where its label can go, [lon, lat]: the centre of mass when it falls
 * inside (the usual case), else the middle of the widest stretch of the area along the centre's
 * latitude — a crescent's centre of mass lies outside it, and a vertex would sit on the border.
 */
export function labelPoint(feature: Feature<AreaGeometry>): Position {
  const centre = centerOfMass(feature).geometry.coordinates;
  if (booleanPointInPolygon(centre, feature, { ignoreBoundary: true })) return centre;
  const y = centre[1] as number;
  const fallback = widestChordMidpoint(feature.geometry, y);
  if (fallback) return fallback;
  // The centre's latitude missed the area (only possible for odd multipolygons): use the first
  // ring's mid-latitude instead, which always crosses it.
  const ring = polygonsOf(feature.geometry)[0]?.[0] ?? [];
  // a loop, not Math.min(...ys): a detailed boundary ring has more vertices than the stack has room
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const position of ring) {
    const lat = position[1] as number;
    if (lat < low) low = lat;
    if (lat > high) high = lat;
  }
  const mid = (low + high) / 2;
  return widestChordMidpoint(feature.geometry, mid) ?? centre;
}
