import { Geodesic } from "geographiclib-geodesic";
import type { Position } from "geojson";

/**
 * The point `metres` from `from` along `azimuthDeg` (clockwise from north) on the WGS84 ellipsoid.
 * Tests use it rather than Turf's spherical `destination`, which is ≈0.4 % short north–south at
 * Hà Nội's latitude.
 */
export function move(from: Position, metres: number, azimuthDeg: number): Position {
  const result = Geodesic.WGS84.Direct(from[1] as number, from[0] as number, azimuthDeg, metres);
  return [result.lon2 ?? Number.NaN, result.lat2 ?? Number.NaN];
}

/** Initial azimuth (degrees clockwise from north) of the geodesic from `a` to `b`. */
export function azimuth(a: Position, b: Position): number {
  return (
    Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).azi1 ??
    Number.NaN
  );
}
