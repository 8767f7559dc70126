import { bboxPolygon } from "@turf/turf";
import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { geometrySpan, medianSpan } from "../../src/io/feature-span";

/** A square `size` degrees across with its south-west corner at x, y. */
const square = (x: number, y: number, size: number): Feature =>
  bboxPolygon([x, y, x + size, y + size]);

describe("how large a layer's features are on a map", () => {
  it("a feature: the larger side of its Web Mercator box, in world widths", () => {
    // at the equator a degree of latitude is (nearly) a degree of longitude
    expect(geometrySpan(square(0, 0, 1).geometry)).toBeCloseTo(1 / 360, 6);
    // near Hanoi (21° N) a degree of latitude is 1 / cos 21° longer on the map
    const span = geometrySpan(square(105.8, 21, 0.01).geometry);
    expect(span * 360).toBeCloseTo(0.01 / Math.cos((21.005 * Math.PI) / 180), 5);
    expect(geometrySpan({ type: "Point", coordinates: [105.8, 21] })).toBe(0);
  });

  it("a layer: the median feature's, so a few large ones do not decide it", () => {
    const features = [
      square(105, 21, 0.001),
      square(105, 21, 0.002),
      square(105, 21, 0.003),
      square(105, 21, 5),
      square(105, 21, 9),
    ];
    expect(medianSpan(features)).toBeCloseTo(geometrySpan(square(105, 21, 0.003).geometry), 12);
    expect(medianSpan([])).toBe(0);
    expect(medianSpan([{ type: "Feature", properties: {}, geometry: null as never }])).toBe(0);
  });
});
