import geographiclib from "geographiclib-geodesic";
import type { Feature, Geometry, Position } from "geojson";

// The package is CommonJS: Node's ESM loader only gives it a default export, so destructure it.
const { Geodesic, PolygonArea } = geographiclib;

const WGS84 = Geodesic.WGS84;

/**
 * Area of one linear ring on the WGS84 ellipsoid, in m², always positive. Uses GeographicLib (as
 * PostGIS geography does), because Turf's spherical `area` reads about 0.28 % high at Hanoi's
 * latitude, which is hectares in a land-use quota.
 */
function ringAreaSquareMeters(ring: Position[]): number {
  const polygon = new PolygonArea.PolygonArea(WGS84, false);
  const last = ring.length - 1;
  const closed = last > 0 && ring[0]?.[0] === ring[last]?.[0] && ring[0]?.[1] === ring[last]?.[1];
  const count = closed ? last : ring.length;
  if (count < 3) return 0;
  for (let i = 0; i < count; i++) {
    const point = ring[i] as Position;
    polygon.AddPoint(point[1] as number, point[0] as number);
  }
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

function polygonAreaSquareMeters(rings: Position[][]): number {
  const [outer, ...holes] = rings;
  if (!outer) return 0;
  const holeArea = holes.reduce((sum, hole) => sum + ringAreaSquareMeters(hole), 0);
  return Math.max(0, ringAreaSquareMeters(outer) - holeArea);
}

/**
 * Geodesic area (m², WGS84 ellipsoid) of a geometry or feature; lines and points have none.
 * Coordinates are [longitude, latitude] in degrees, as GeoJSON requires.
 *
 * @example geodesicArea(turf.bboxPolygon([105.8, 21.0, 105.81, 21.01])) // ≈ 1.14e6
 */
export function geodesicArea(input: Geometry | Feature | null): number {
  if (!input) return 0;
  const geometry: Geometry | null = input.type === "Feature" ? input.geometry : input;
  if (!geometry) return 0;
  switch (geometry.type) {
    case "Polygon":
      return polygonAreaSquareMeters(geometry.coordinates);
    case "MultiPolygon":
      return geometry.coordinates.reduce((sum, rings) => sum + polygonAreaSquareMeters(rings), 0);
    case "GeometryCollection":
      return geometry.geometries.reduce((sum, part) => sum + geodesicArea(part), 0);
    default:
      return 0;
  }
}

/** {@link geodesicArea} in hectares with 2 decimals, as the generated layers' `area_ha` holds it. */
export function geodesicHectares(input: Geometry | Feature | null): number {
  return Math.round(geodesicArea(input) / 100) / 100;
}
