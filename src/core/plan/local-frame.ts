import type { Position } from "geojson";

/** Planar metric coordinates (x east, y north) in metres from a frame's origin. */
export type Metres = [x: number, y: number];

/**
 * A local equirectangular frame: metres east and north of an origin, using the WGS84 lengths of a
 * degree of longitude and latitude at the origin's latitude. Across Hà Nội (±0.42° of latitude
 * around 21°) lengths are off by at most ≈0.3 %, which is fine for placing seeds and drawing
 * corridor widths; areas are always computed geodesically afterwards.
 */
export type LocalFrame = {
  origin: Position;
  toMetres(position: Position): Metres;
  toLonLat(point: Metres): Position;
};

/**
 * Builds a local frame at `origin` ([longitude, latitude] in degrees).
 *
 * @example localFrame([105.85, 21.03]).toMetres([105.86, 21.03]) // ≈ [1039, 0]
 */
export function localFrame(origin: Position): LocalFrame {
  const [lon0, lat0] = origin as [number, number];
  const phi = (lat0 * Math.PI) / 180;
  // Series for the length of a degree on the WGS84 ellipsoid.
  const metresPerDegLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const metresPerDegLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  return {
    origin,
    toMetres: (position) => [
      ((position[0] as number) - lon0) * metresPerDegLon,
      ((position[1] as number) - lat0) * metresPerDegLat,
    ],
    toLonLat: ([x, y]) => [lon0 + x / metresPerDegLon, lat0 + y / metresPerDegLat],
  };
}

/** Distance in metres between two planar points. */
export function planarDistance(a: Metres, b: Metres): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Shortest planar distance in metres from `point` to the polyline `line` (≥ 1 vertex). */
export function distanceToPolyline(point: Metres, line: readonly Metres[]): number {
  const first = line[0];
  if (!first) return Number.POSITIVE_INFINITY;
  let best = planarDistance(point, first);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Metres;
    const b = line[i] as Metres;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const lengthSquared = dx * dx + dy * dy;
    const t =
      lengthSquared === 0
        ? 0
        : Math.max(
            0,
            Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared),
          );
    best = Math.min(best, planarDistance(point, [a[0] + t * dx, a[1] + t * dy]));
  }
  return best;
}
