import type { Polygon } from "geojson";

/**
 * A 1 km square in projected metres (VN-2000 / UTM 48N, near Hanoi) given where degrees belong: the
 * slip every reader must refuse, naming the feature, instead of drawing it off the globe.
 */
export const PROJECTED_SQUARE: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [585000, 2323000],
      [586000, 2323000],
      [586000, 2324000],
      [585000, 2323000],
    ],
  ],
};
