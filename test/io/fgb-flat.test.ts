import { deserialize, serialize } from "flatgeobuf/lib/mjs/geojson.js";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { flatCoordinatesOf } from "../../src/core/geo/flat-coordinates";
import { readFlatGeobuf } from "../../src/io/fgb-reader";

/*
 * A FlatGeobuf geometry read as flat coordinates must be the GeoJSON flatgeobuf's own reader
 * (`deserialize`, its `fromGeometry`) makes of it, whatever the type; only the plain two-number
 * shapes are held flat, the rest read as ever.
 */

const ring = (x: number, y: number, d: number) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

const GEOMETRIES: [string, Geometry, boolean][] = [
  ["a polygon", { type: "Polygon", coordinates: [ring(105.8, 21, 0.01)] }, true],
  [
    "a polygon with holes",
    {
      type: "Polygon",
      coordinates: [
        ring(105.8, 21, 0.01),
        ring(105.801, 21.001, 0.002),
        ring(105.805, 21.005, 0.001),
      ],
    },
    true,
  ],
  [
    "a multipolygon",
    {
      type: "MultiPolygon",
      coordinates: [[ring(105.8, 21, 0.01), ring(105.801, 21.001, 0.002)], [ring(105.9, 21, 0.01)]],
    },
    true,
  ],
  [
    "a line",
    {
      type: "LineString",
      coordinates: [
        [105.8, 21],
        [105.81, 21.01],
        [-0, 0.5],
      ],
    },
    true,
  ],
  [
    "lines",
    {
      type: "MultiLineString",
      coordinates: [
        [
          [105.8, 21],
          [105.81, 21.01],
        ],
        [
          [105.82, 21],
          [105.83, 21.01],
          [105.84, 21.02],
        ],
      ],
    },
    true,
  ],
  [
    "points",
    {
      type: "MultiPoint",
      coordinates: [
        [105.8, 21],
        [105.81, 21.01],
      ],
    },
    true,
  ],
  ["a point", { type: "Point", coordinates: [105.8, 21] }, false],
  [
    "a polygon with heights",
    {
      type: "Polygon",
      coordinates: [ring(105.8, 21, 0.01).map(([x, y]) => [x as number, y as number, 12.5])],
    },
    false,
  ],
];

const collection = (geometries: Geometry[]): FeatureCollection => ({
  type: "FeatureCollection",
  features: geometries.map(
    (geometry, i): Feature => ({ type: "Feature", id: i, properties: { n: i }, geometry }),
  ),
});

/** flatgeobuf's own reading of the file's geometries. */
async function theirs(bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const feature of deserialize(bytes)) out.push(feature.geometry);
  return out;
}

describe("FlatGeobuf geometries held flat", () => {
  it.each(GEOMETRIES)("%s reads as flatgeobuf reads it", async (_, geometry, held) => {
    // one type per file: the header names it, as the project's writer does
    const bytes = serialize(collection([geometry, geometry]));
    const read = await readFlatGeobuf(bytes);
    const geometries = read.features.map((f) => f.geometry);
    expect(geometries.map((g) => flatCoordinatesOf(g) !== undefined)).toEqual([held, held]);
    expect(JSON.stringify(geometries)).toBe(JSON.stringify(await theirs(bytes)));
  });

  it("reads a file of mixed types (header type Unknown) as flatgeobuf reads it", async () => {
    const bytes = serialize(collection(GEOMETRIES.map(([, g]) => g)));
    const read = await readFlatGeobuf(bytes);
    const held = read.features.filter((f) => flatCoordinatesOf(f.geometry)).length;
    expect(held).toBe(GEOMETRIES.filter(([, , h]) => h).length);
    expect(JSON.stringify(read.features.map((f) => f.geometry))).toBe(
      JSON.stringify(await theirs(bytes)),
    );
  });
});
