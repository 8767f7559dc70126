import type { Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { madeValid } from "../../../src/core/check/made-valid";
import {
  type PreparedGeometry,
  polygonBox,
  prepareGeometry,
} from "../../../src/core/check/prepared-geometry";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { parseGeoJsonText } from "../../io/geojson/parse-flat";

/** `geometry` as the GeoJSON reader gives it: coordinates held flat when it can. */
function readFlat(geometry: unknown): Geometry {
  const text = JSON.stringify({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: {}, geometry }],
  });
  return (parseGeoJsonText(text) as { features: { geometry: Geometry }[] }).features[0]
    ?.geometry as Geometry;
}

const square = [
  [105.8, 21],
  [105.9, 21],
  [105.9, 21.1],
  [105.8, 21.1],
  [105.8, 21],
];
const islandFarOut = [
  [106.5, 20.5],
  [106.6, 20.5],
  [106.6, 20.6],
  [106.5, 20.5],
];

describe("polygonBox", () => {
  it("boxes every ring, holes and parts included, the same read flat or as arrays", () => {
    const cases: unknown[] = [
      { type: "Polygon", coordinates: [square] },
      // a hole outside its shell becomes an island when repaired: its positions count
      { type: "Polygon", coordinates: [square, islandFarOut] },
      { type: "MultiPolygon", coordinates: [[square], [islandFarOut]] },
    ];
    const expected = [
      [105.8, 21, 105.9, 21.1],
      [105.8, 20.5, 106.6, 21.1],
      [105.8, 20.5, 106.6, 21.1],
    ];
    cases.forEach((geometry, k) => {
      const flat = readFlat(geometry);
      expect(flatCoordinatesOf(flat)).toBeDefined();
      expect(polygonBox(flat)).toEqual(expected[k]);
      // reading the box builds no arrays
      expect(flatCoordinatesOf(flat)).toBeDefined();
      expect(polygonBox(geometry as Geometry)).toEqual(expected[k]);
    });
  });

  it("holds the box of the geometry as prepared and repaired", () => {
    const bowTie = [
      [105.8, 21],
      [105.9, 21.1],
      [105.9, 21],
      [105.8, 21.1],
      [105.8, 21],
    ];
    for (const geometry of [
      readFlat({ type: "Polygon", coordinates: [bowTie] }),
      readFlat({ type: "Polygon", coordinates: [square, islandFarOut] }),
    ]) {
      const box = polygonBox(geometry) as number[];
      const repaired = madeValid(prepareGeometry(geometry));
      const [minX, minY, maxX, maxY] = (repaired as PreparedGeometry).bbox;
      // within the rounding to the kernel's 1e-9° grid
      expect(minX).toBeGreaterThanOrEqual((box[0] as number) - 1e-9);
      expect(minY).toBeGreaterThanOrEqual((box[1] as number) - 1e-9);
      expect(maxX).toBeLessThanOrEqual((box[2] as number) + 1e-9);
      expect(maxY).toBeLessThanOrEqual((box[3] as number) + 1e-9);
    }
  });

  it("leaves out positions too large for a number, read flat as the reader noted them", () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":' +
      '{"type":"MultiPolygon","coordinates":[[[[105.8,21],[105.9,21],[1e999,21.5],[105.9,21.1],' +
      "[105.8,21]]],[[[2e999,3],[-1e999,4],[5e999,6],[2e999,3]]]]}}]}";
    const geometry = (parseGeoJsonText(text) as { features: { geometry: Geometry }[] }).features[0]
      ?.geometry as Geometry;
    expect(flatCoordinatesOf(geometry)?.store.boxes).toBeDefined();
    expect(polygonBox(geometry)).toEqual([105.8, 21, 105.9, 21.1]);
  });

  it("leaves out positions that are not finite numbers, and is null without a polygon", () => {
    const odd = {
      type: "Polygon",
      coordinates: [[...square.slice(0, 2), [null, 21.5], square[2]]],
    };
    expect(polygonBox(odd as unknown as Geometry)).toEqual([105.8, 21, 105.9, 21.1]);
    expect(polygonBox({ type: "LineString", coordinates: square })).toBeNull();
    expect(polygonBox(readFlat({ type: "LineString", coordinates: square }))).toBeNull();
    expect(polygonBox(null)).toBeNull();
    expect(
      polygonBox({
        type: "GeometryCollection",
        geometries: [
          { type: "Point", coordinates: [107, 22] },
          { type: "Polygon", coordinates: [square] },
        ],
      }),
    ).toEqual([105.8, 21, 105.9, 21.1]);
  });
});
