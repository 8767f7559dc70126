import type { Position } from "geojson";
import { WGS84_A as A, WGS84_E2 as E2 } from "./wgs84";

/**
 * Metres per degree of longitude and latitude at a latitude, on the WGS84 ellipsoid (prime-vertical
 * and meridional radii of curvature). Treating a neighbourhood of a few kilometres as a plane with
 * these scales errs by well under 0.1 % — enough for clearances and sliver widths; areas are never
 * taken from it.
 */
export function metersPerDegree(latitude: number): { x: number; y: number } {
  const phi = (latitude * Math.PI) / 180;
  const s = Math.sin(phi);
  const w = 1 - E2 * s * s;
  const n = A / Math.sqrt(w);
  const m = (A * (1 - E2)) / (w * Math.sqrt(w));
  return { x: (Math.PI / 180) * n * Math.cos(phi), y: (Math.PI / 180) * m };
}

/** A local plane: lon/lat → metres east/north of an origin. */
export type LocalFrame = { x0: number; y0: number; kx: number; ky: number };

/** Local plane centred on a point, scaled by the ellipsoid radii at its latitude. */
export function localFrame(longitude: number, latitude: number): LocalFrame {
  const k = metersPerDegree(latitude);
  return { x0: longitude, y0: latitude, kx: k.x, ky: k.y };
}

/** Flattens lines (lists of positions) into local metres. */
export function toLocal(frame: LocalFrame, lines: Position[][]): Float64Array[] {
  return lines.map((line) => {
    const out = new Float64Array(line.length * 2);
    line.forEach((p, i) => {
      out[2 * i] = ((p[0] as number) - frame.x0) * frame.kx;
      out[2 * i + 1] = ((p[1] as number) - frame.y0) * frame.ky;
    });
    return out;
  });
}

/** Distance from (px, py) to the segment from (ax, ay) to (bx, by), in the plane. */
export function pointSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Smallest distance (m) between two sets of polylines in a local plane, as the least vertex-to-segment
 * distance both ways. Exact for segments that do not cross; callers handle crossing or containment
 * (distance 0) before calling.
 */
export function polylineDistance(a: Float64Array[], b: Float64Array[]): number {
  let best = Number.POSITIVE_INFINITY;
  const oneWay = (from: Float64Array[], to: Float64Array[]) => {
    for (const line of from) {
      for (let i = 0; i < line.length; i += 2) {
        const px = line[i] as number;
        const py = line[i + 1] as number;
        for (const seg of to) {
          if (seg.length === 2) {
            best = Math.min(best, Math.hypot((seg[0] as number) - px, (seg[1] as number) - py));
            continue;
          }
          for (let j = 0; j + 3 < seg.length; j += 2) {
            const d = pointSegment(
              px,
              py,
              seg[j] as number,
              seg[j + 1] as number,
              seg[j + 2] as number,
              seg[j + 3] as number,
            );
            if (d < best) best = d;
          }
        }
      }
    }
  };
  oneWay(a, b);
  oneWay(b, a);
  return best;
}

/** Length (m) of a closed or open polyline in the local plane. */
export function polylineLength(line: Float64Array): number {
  let sum = 0;
  for (let i = 0; i + 3 < line.length; i += 2) {
    sum += Math.hypot(
      (line[i + 2] as number) - (line[i] as number),
      (line[i + 3] as number) - (line[i + 1] as number),
    );
  }
  return sum;
}
