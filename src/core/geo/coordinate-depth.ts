/**
 * Arrays between a geometry's `coordinates` and its positions, per GeoJSON geometry type (a
 * Point's `coordinates` is the position itself). Fixed by the type: code walking coordinates goes
 * exactly this deep, so a file's nesting never drives a recursion.
 */
const COORDINATE_DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** {@link COORDINATE_DEPTH} of a type, or undefined for any other (no prototype key matches). */
export function coordinateDepth(type: unknown): number | undefined {
  return typeof type === "string" && Object.hasOwn(COORDINATE_DEPTH, type)
    ? COORDINATE_DEPTH[type]
    : undefined;
}
