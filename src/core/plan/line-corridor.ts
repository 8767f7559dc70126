import { Clipper, EndType, JoinType, type PathsD } from "clipper2-ts";
import type { LineString, MultiLineString, Position } from "geojson";
import { type LocalFrame, localFrame, type Metres } from "./local-frame";
import { type AreaGeometry, clip } from "./polygon-clip";

/** Output coordinates keep 7 decimals (≈1 cm), plenty for a corridor drawn from a 100 m line. */
const OUTPUT_DECIMALS = 7;
/** Largest gap between a true arc and its polygon at round joins, in metres. */
const ARC_TOLERANCE_M = 0.5;

/** Rounds a coordinate to the output precision. */
export function roundCoordinate(value: number, decimals = OUTPUT_DECIMALS): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A frame's point in lon/lat, rounded to the output precision. */
export function roundedLonLat(frame: LocalFrame, point: Metres): Position {
  const [lon, lat] = frame.toLonLat(point) as [number, number];
  return [roundCoordinate(lon), roundCoordinate(lat)];
}

/** Applies `fn` to every position of a polygonal geometry. */
export function mapPositions(geometry: AreaGeometry, fn: (p: Position) => Position): AreaGeometry {
  if (geometry.type === "Polygon") {
    return { type: "Polygon", coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
  }
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map(fn))),
  };
}

function midpoint(lines: Position[][]): Position {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    for (const [x, y] of line as [number, number][]) {
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
    }
  }
  return [(west + east) / 2, (south + north) / 2];
}

/**
 * The corridor of a line: every point within `widthM / 2` metres of it, with round joins and flat
 * (butt) ends, because a road, railway or power line goes on past the end of the drawn section.
 * Computed with Clipper's offsetting in a local metric frame centred on the line, then returned in
 * lon/lat. Null when the line has no length.
 */
export function lineCorridor(
  line: LineString | MultiLineString,
  widthM: number,
): AreaGeometry | null {
  const lines = line.type === "LineString" ? [line.coordinates] : line.coordinates;
  if (lines.every((part) => part.length < 2) || widthM <= 0) return null;
  const frame = localFrame(midpoint(lines));
  const paths: PathsD = lines
    .filter((part) => part.length >= 2)
    .map((part) =>
      part.map((p) => {
        const [x, y] = frame.toMetres(p);
        return { x, y };
      }),
    );
  const inflated = Clipper.inflatePathsD(
    paths,
    widthM / 2,
    JoinType.Round,
    EndType.Butt,
    2,
    3,
    ARC_TOLERANCE_M,
  );
  const merged = clip("union", inflated, null);
  if (!merged) return null;
  return mapPositions(merged, (p) => roundedLonLat(frame, [p[0] as number, p[1] as number]));
}
