import type { Position } from "geojson";
import type { Polygons } from "../check/types";

/** Metres per degree of latitude (and of longitude at the equator) on a sphere of WGS84's mean radius. */
const METERS_PER_DEGREE = (Math.PI / 180) * 6_371_008.8;

/**
 * A piece's mean width in metres: twice its area over its perimeter, both measured flat around
 * the piece (longitude scaled by the cosine of its latitude). A strip of width w and length L
 * gives w (2wL / 2L); a compact piece gives about half its side.
 *
 * Flat on purpose: the ellipsoidal area takes each edge as a geodesic while clipping cuts it as a
 * straight line in longitude/latitude, so the ellipsoidal area of a sliver along a kilometres-long
 * edge is mostly the lens between the two (square metres for a strip a millimetre wide); the flat
 * area is the strip itself.
 */
export function meanWidthMeters(polygons: Polygons): number {
  const first = polygons[0]?.[0]?.[0];
  if (!first) return 0;
  const kx = METERS_PER_DEGREE * Math.cos(((first[1] as number) * Math.PI) / 180);
  const ky = METERS_PER_DEGREE;
  let area = 0;
  let perimeter = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const { signed, length } = ringMeasures(ring, first, kx, ky);
      // the outer ring adds, holes take away, whatever way round each is wound
      area += r === 0 ? Math.abs(signed) : -Math.abs(signed);
      perimeter += length;
    });
  }
  return perimeter > 0 ? (2 * Math.max(0, area)) / perimeter : 0;
}

/** Shoelace area and length of a ring, in metres around `origin`. */
function ringMeasures(
  ring: Position[],
  origin: Position,
  kx: number,
  ky: number,
): { signed: number; length: number } {
  let signed = 0;
  let length = 0;
  const x0 = origin[0] as number;
  const y0 = origin[1] as number;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[(i + 1) % ring.length] as Position;
    const ax = ((a[0] as number) - x0) * kx;
    const ay = ((a[1] as number) - y0) * ky;
    const bx = ((b[0] as number) - x0) * kx;
    const by = ((b[1] as number) - y0) * ky;
    signed += ax * by - bx * ay;
    length += Math.hypot(bx - ax, by - ay);
  }
  return { signed: signed / 2, length };
}
