import type { FeatureCollection, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { positionKind, samplePositions } from "../../../src/core/crs/sample-shape";

describe("positionKind", () => {
  it.each<[Position, string]>([
    [[105.85, 21.03], "lonlat"],
    [[21.03, 105.85], "latlon"],
    [[588383.93, 2326366.34], "metres-en"],
    [[2326366.34, 588383.93], "metres-ne"],
    [[686000, 1192000], "metres-en"], // UTM 48N, Hồ Chí Minh City
    [[0, 0], "other"],
    [[2.35, 48.85], "other"], // Paris
    [[11_780_000, 2_390_000], "other"], // Web Mercator, Hà Nội
  ])("%j → %s", ([x, y], kind) => {
    expect(positionKind(x as number, y as number)).toBe(kind);
  });
});

describe("samplePositions", () => {
  it("takes a few positions of up to 1 000 features spread over the whole collection", () => {
    const collection: FeatureCollection = {
      type: "FeatureCollection",
      features: Array.from({ length: 10_000 }, (_, i) => ({
        type: "Feature",
        properties: {},
        geometry: {
          type: "LineString",
          coordinates: Array.from({ length: 50 }, (_, k) => [i, k]),
        },
      })),
    };
    const sample = samplePositions(collection);
    expect(sample).toHaveLength(4000);
    expect(sample[0]).toEqual([0, 0]);
    expect(Math.max(...sample.map((p) => p[0] as number))).toBe(9990);
  });

  it("reads every geometry type and skips what is not a geometry", () => {
    const collection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: {}, geometry: null },
        { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [1, 2] } },
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "GeometryCollection",
            geometries: [{ type: "MultiPolygon", coordinates: [[[[3, 4]]]] }],
          },
        },
        { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: "x" } },
      ],
    } as unknown as FeatureCollection;
    expect(samplePositions(collection)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("samplePositions on hostile nesting", () => {
  it("neither overflows the stack nor loops on deep arrays and collections", () => {
    let deep: unknown = [1, 2];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let nested: unknown = { type: "Point", coordinates: [1, 2] };
    for (let i = 0; i < 100_000; i++) nested = { type: "GeometryCollection", geometries: [nested] };
    const collection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: deep } },
        { type: "Feature", properties: {}, geometry: nested },
        {
          type: "Feature",
          properties: {},
          geometry: { type: "GeometryCollection", geometries: {} },
        },
      ],
    } as unknown as FeatureCollection;
    expect(samplePositions(collection)).toEqual([]);
  });
});
