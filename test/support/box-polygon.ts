import type { Polygon } from "geojson";

/** The rectangle [x0, x1] × [y0, y1] (lon/lat degrees) as a GeoJSON polygon, counter-clockwise. */
export function boxPolygon(x0: number, y0: number, x1: number, y1: number): Polygon {
  return {
    type: "Polygon",
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}
