import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { positionToWgs84, reproject } from "../../../src/core/crs/reproject";

/** Hoàn Kiếm Lake in EPSG:5897 and in WGS84 (PROJ, test/fixtures/crs/proj-answers.json). */
const HOAN_KIEM_EN: Position = [588383.93, 2326366.34];
const HOAN_KIEM: Position = [105.85220001642, 21.02869996309];

const collection = (...geometries: (Geometry | null)[]): FeatureCollection => ({
  type: "FeatureCollection",
  features: geometries.map(
    (geometry, i): Feature => ({
      type: "Feature",
      id: i,
      properties: { n: i },
      geometry: geometry as Geometry,
    }),
  ),
});

/** The coordinates of feature `index`'s geometry. */
const coordinatesOf = (fc: FeatureCollection, index: number) =>
  (fc.features[index]?.geometry as { coordinates?: unknown } | undefined)?.coordinates;

const closeTo = (got: unknown, want: Position) => {
  const [lon, lat] = got as number[];
  expect(lon).toBeCloseTo(want[0] as number, 8);
  expect(lat).toBeCloseTo(want[1] as number, 8);
};

describe("reproject", () => {
  it("moves every position of every geometry type to WGS84, in a new collection", () => {
    const [e, n] = HOAN_KIEM_EN as [number, number];
    const ring = [
      [e, n],
      [e + 100, n],
      [e + 100, n + 100],
      [e, n],
    ];
    const input = collection(
      { type: "Point", coordinates: [e, n] },
      { type: "MultiPoint", coordinates: [[e, n]] },
      {
        type: "LineString",
        coordinates: [
          [e, n],
          [e + 1, n],
        ],
      },
      {
        type: "MultiLineString",
        coordinates: [
          [
            [e, n],
            [e + 1, n],
          ],
        ],
      },
      { type: "Polygon", coordinates: [ring] },
      { type: "MultiPolygon", coordinates: [[ring], [ring]] },
      { type: "GeometryCollection", geometries: [{ type: "Point", coordinates: [e, n] }] },
    );
    const before = JSON.stringify(input);
    const out = reproject(input, { id: "EPSG:5897", axis: "xy" });
    expect(JSON.stringify(input)).toBe(before); // the input is untouched
    const g = out.features.map((f) => f.geometry) as Geometry[];
    closeTo((g[0] as { coordinates: Position }).coordinates, HOAN_KIEM);
    closeTo((g[1] as { coordinates: Position[] }).coordinates[0], HOAN_KIEM);
    closeTo((g[2] as { coordinates: Position[] }).coordinates[0], HOAN_KIEM);
    closeTo((g[3] as { coordinates: Position[][] }).coordinates[0]?.[0], HOAN_KIEM);
    closeTo((g[4] as { coordinates: Position[][] }).coordinates[0]?.[0], HOAN_KIEM);
    closeTo((g[5] as { coordinates: Position[][][] }).coordinates[1]?.[0]?.[0], HOAN_KIEM);
    const part = (g[6] as { geometries: { coordinates: Position }[] }).geometries[0];
    closeTo(part?.coordinates, HOAN_KIEM);
    expect(out.features.map((f) => [f.type, f.id, f.properties])).toEqual(
      input.features.map((f) => [f.type, f.id, f.properties]),
    );
    expect(out.features[0]?.properties).toBe(input.features[0]?.properties); // shared, not copied
  });

  it("swaps the two numbers for yx (northing-first tables, lat/lon)", () => {
    const [e, n] = HOAN_KIEM_EN as [number, number];
    const out = reproject(collection({ type: "Point", coordinates: [n, e] }), {
      id: "EPSG:5897",
      axis: "yx",
    });
    closeTo(coordinatesOf(out, 0), HOAN_KIEM);
    const latLon = reproject(collection({ type: "Point", coordinates: [21.0287, 105.8522] }), {
      id: "EPSG:4326",
      axis: "yx",
    });
    expect(coordinatesOf(latLon, 0)).toEqual([105.8522, 21.0287]);
  });

  it("drops heights (positions come out 2D) and bbox/crs members that the move made wrong", () => {
    const input = {
      ...collection({
        type: "Point",
        coordinates: [588383.93, 2326366.34, 12.5],
        bbox: [1, 2, 3, 4],
      }),
      bbox: [588383, 2326366, 588384, 2326367],
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::5897" } },
      name: "quy-hoach",
    } as FeatureCollection;
    (input.features[0] as Feature).bbox = [588383, 2326366, 588384, 2326367];
    const out = reproject(input, { id: "EPSG:5897", axis: "xy" });
    expect(out).not.toHaveProperty("bbox");
    expect(out).not.toHaveProperty("crs");
    expect(out).toHaveProperty("name", "quy-hoach"); // other foreign members stay
    expect(out.features[0]).not.toHaveProperty("bbox");
    expect(out.features[0]?.geometry).not.toHaveProperty("bbox");
    expect(coordinatesOf(out, 0)).toHaveLength(2);
    const lonLat = reproject(collection({ type: "Point", coordinates: [105.8, 21, 9] }), {
      id: "EPSG:4326",
      axis: "xy",
    });
    expect(coordinatesOf(lonLat, 0)).toEqual([105.8, 21]);
  });

  it("keeps what cannot be moved as the file had it, for validation to report; never throws", () => {
    const weird = [
      null,
      { type: "Point", coordinates: ["a", "b"] },
      { type: "Point", coordinates: [Number.NaN, 1] },
      { type: "Point", coordinates: [1] },
      { type: "Point", coordinates: [1e300, -1e300] },
      { type: "Point", coordinates: null },
      { type: "LineString", coordinates: [[588383.93, 2326366.34], "x", null] },
      { type: "Polygon", coordinates: "nope" },
      { type: "toString", coordinates: [1, 2] },
      { type: "GeometryCollection" },
    ] as unknown as Geometry[];
    const out = reproject(collection(...weird), { id: "EPSG:5897", axis: "xy" });
    const g = out.features.map((f) => f.geometry) as unknown[];
    expect(g[0]).toBeNull();
    expect(g[1]).toEqual(weird[1]);
    expect(g[2]).toEqual(weird[2]);
    expect(g[3]).toEqual(weird[3]);
    expect(g[4]).toEqual(weird[4]);
    expect(g[5]).toEqual(weird[5]);
    const line = (g[6] as { coordinates: unknown[] }).coordinates;
    closeTo(line[0], HOAN_KIEM);
    expect(line.slice(1)).toEqual(["x", null]);
    expect(g.slice(7)).toEqual(weird.slice(7));
  });

  it("reports progress, ending with all done", () => {
    const input = collection(
      ...Array.from(
        { length: 3000 },
        (): Geometry => ({ type: "Point", coordinates: HOAN_KIEM_EN }),
      ),
    );
    const reports: [number, number][] = [];
    reproject(
      input,
      { id: "EPSG:5897", axis: "xy" },
      { onProgress: (done, total) => reports.push([done, total]) },
    );
    expect(reports.at(-1)).toEqual([3000, 3000]);
    for (const [done, total] of reports) expect(done).toBeLessThanOrEqual(total);
  });

  it("moves a 20 000-feature, 400 000-position collection (a guard against slow paths, not a timing)", () => {
    const ring = Array.from({ length: 20 }, (_, k): Position => {
      const a = (2 * Math.PI * k) / 19;
      return [560_000 + 80 * Math.cos(a), 2_320_000 + 80 * Math.sin(a)];
    });
    const input: FeatureCollection = {
      type: "FeatureCollection",
      features: Array.from({ length: 20_000 }, (_, i) => ({
        type: "Feature",
        properties: { i },
        geometry: { type: "Polygon", coordinates: [ring] },
      })),
    };
    const out = reproject(input, { id: "EPSG:5897", axis: "xy" });
    expect(out.features).toHaveLength(20_000);
    const last = coordinatesOf(out, 19_999) as Position[][];
    expect(last[0]).toHaveLength(20);
    expect(last[0]?.[0]?.[0]).toBeCloseTo(105.57, 1);
  }, 60_000);
});

describe("positionToWgs84", () => {
  it("gives null for what it cannot place", () => {
    const toWgs84 = positionToWgs84({ id: "EPSG:5897", axis: "xy" });
    expect(toWgs84([Number.POSITIVE_INFINITY, 0])).toBeNull();
    expect(toWgs84([])).toBeNull();
    expect(positionToWgs84({ id: "EPSG:4326", axis: "xy" })([Number.NaN, 1])).toBeNull();
  });
});

describe("reproject on hostile nesting", () => {
  it("leaves GeometryCollections nested past 8 as they were, without a stack overflow", () => {
    let geometry = { type: "Point", coordinates: HOAN_KIEM_EN } as Geometry;
    for (let i = 0; i < 100_000; i++)
      geometry = { type: "GeometryCollection", geometries: [geometry] };
    const out = reproject(collection(geometry), { id: "EPSG:5897", axis: "xy" });
    let moved = out.features[0]?.geometry as Geometry;
    for (let i = 0; i < 8; i++)
      moved = (moved as { geometries: Geometry[] }).geometries[0] as Geometry;
    // the ninth level is the input's own object
    let original = geometry;
    for (let i = 0; i < 8; i++)
      original = (original as { geometries: Geometry[] }).geometries[0] as Geometry;
    expect(moved).toBe(original);
  });
});
