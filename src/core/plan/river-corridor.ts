import type { LineString, Position } from "geojson";
import { mapPositions, roundedLonLat } from "./line-corridor";
import { type LocalFrame, localFrame, type Metres } from "./local-frame";
import { type AreaGeometry, clip } from "./polygon-clip";

/** Dyke protection widths of the Law on Dykes 79/2006/QH11 art. 23 (dykes of level special–III, outside built-up areas). */
export const DYKE_LANDSIDE_M = 25;
export const DYKE_RIVERSIDE_M = 20;

export type RiverCorridor = {
  /** The flood-drainage space between the two dykes. */
  corridor: AreaGeometry;
  /** Dyke lines on the left bank (looking downstream) and on the right bank. */
  leftDyke: LineString;
  rightDyke: LineString;
  /** Dyke protection zones: riverside and landside bands along each dyke. */
  leftZone: AreaGeometry;
  rightZone: AreaGeometry;
};

function unit(dx: number, dy: number): Metres {
  const length = Math.hypot(dx, dy);
  return length === 0 ? [0, 0] : [dx / length, dy / length];
}

/**
 * Offsets a polyline sideways by a distance per vertex (metres, positive to the left looking along
 * the line). Each vertex moves along the bisector of its two segments, lengthened so that both
 * segments keep the asked distance (capped at twice, for sharp bends).
 */
export function offsetPolyline(line: readonly Metres[], distances: readonly number[]): Metres[] {
  return line.map((point, k) => {
    const previous = line[k - 1];
    const next = line[k + 1];
    const before = previous ? unit(point[0] - previous[0], point[1] - previous[1]) : null;
    const after = next ? unit(next[0] - point[0], next[1] - point[1]) : null;
    const tangent = unit(
      (before?.[0] ?? 0) + (after?.[0] ?? 0),
      (before?.[1] ?? 0) + (after?.[1] ?? 0),
    );
    const normal: Metres = [-tangent[1], tangent[0]];
    const segment = after ?? before ?? [1, 0];
    const cosHalfTurn = normal[0] * -segment[1] + normal[1] * segment[0];
    const scale = 1 / Math.max(cosHalfTurn, 0.5);
    const distance = (distances[k] ?? 0) * scale;
    return [point[0] + normal[0] * distance, point[1] + normal[1] * distance];
  });
}

function band(frame: LocalFrame, a: Metres[], b: Metres[]): AreaGeometry {
  const ring = [...a, ...[...b].reverse()];
  const merged = clip("union", [ring.map(([x, y]) => ({ x, y }))], null);
  if (!merged) throw new Error("the river corridor has no area");
  return mapPositions(merged, (p) => roundedLonLat(frame, [p[0] as number, p[1] as number]));
}

/**
 * The flood-drainage corridor of a river drawn as a centre line with a half-width per vertex on
 * each bank: the dykes are the two offset lines, the corridor the space between them, and each
 * dyke's protection zone the band from `DYKE_RIVERSIDE_M` inside to `DYKE_LANDSIDE_M` outside it.
 *
 * @param halfWidthLeftM - distance from the centre line to the left dyke (looking downstream), m
 * @param halfWidthRightM - the same on the right bank, m
 */
export function riverCorridor(
  centreLine: readonly Position[],
  halfWidthLeftM: readonly number[],
  halfWidthRightM: readonly number[],
): RiverCorridor {
  const frame = localFrame(centreLine[Math.floor(centreLine.length / 2)] ?? [0, 0]);
  const line = centreLine.map((p) => frame.toMetres(p));
  const offset = (sign: number, widths: readonly number[], extra: number) =>
    offsetPolyline(
      line,
      widths.map((w) => sign * (w + extra)),
    );
  const left = offset(1, halfWidthLeftM, 0);
  const right = offset(-1, halfWidthRightM, 0);
  const asLine = (points: Metres[]): LineString => ({
    type: "LineString",
    coordinates: points.map((p) => roundedLonLat(frame, p)),
  });
  return {
    corridor: band(frame, left, right),
    leftDyke: asLine(left),
    rightDyke: asLine(right),
    leftZone: band(
      frame,
      offset(1, halfWidthLeftM, DYKE_LANDSIDE_M),
      offset(1, halfWidthLeftM, -DYKE_RIVERSIDE_M),
    ),
    rightZone: band(
      frame,
      offset(-1, halfWidthRightM, -DYKE_RIVERSIDE_M),
      offset(-1, halfWidthRightM, DYKE_LANDSIDE_M),
    ),
  };
}
