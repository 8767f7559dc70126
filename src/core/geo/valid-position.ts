import type { Position } from "geojson";

/**
 * Whether a position is a finite longitude (±180) and latitude (±90): the check's geometry rule
 * and the comparison both refuse a zone with any other.
 */
export const validPosition = (p: Position) =>
  Array.isArray(p) &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0] as number) <= 180 &&
  Math.abs(p[1] as number) <= 90;
