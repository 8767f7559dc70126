import type { Position } from "geojson";
import type { AreaGeometry } from "./types";

/** The polygons (parts → rings) of an area, as a MultiPolygon nests them. */
export function areaParts(geometry: AreaGeometry): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}
