import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { comparePlans } from "../../../src/core/compare/compare-plans";
import { meanWidthMeters } from "../../../src/core/compare/piece-width";
import { positionFromWgs84, reproject } from "../../../src/core/crs/index";
import { readFlatGeobuf } from "../../../src/io/fgb-reader";

/** The city plan the data step builds (`npm run data`); the CI test command builds it first. */
const FILE = join(__dirname, "../../../data/city-plan-zones.fgb");

/** Every position of a geometry's coordinates moved (any nesting). */
function mapPositions(value: unknown, move: (p: Position) => Position): unknown {
  if (Array.isArray(value) && typeof value[0] === "number") return move(value as Position);
  return Array.isArray(value) ? value.map((item) => mapPositions(item, move)) : value;
}

/** The plan as a consultant's VN-2000 file keeps it (metres, to the millimetre), read back to WGS84. */
function roundTrip(plan: FeatureCollection): FeatureCollection {
  const toVn2000 = positionFromWgs84("EPSG:5897");
  const millimetre = (p: Position) => toVn2000(p).map((v) => Math.round(v * 1000) / 1000);
  const vn2000: FeatureCollection = {
    type: "FeatureCollection",
    features: plan.features.map(
      (feature): Feature => ({
        ...feature,
        geometry: {
          ...feature.geometry,
          coordinates: mapPositions(
            (feature.geometry as { coordinates: unknown }).coordinates,
            millimetre,
          ),
        } as Feature["geometry"],
      }),
    ),
  };
  return reproject(vn2000, { id: "EPSG:5897", axis: "xy" });
}

describe("mean width of a piece", () => {
  // 0.00001° of latitude is about 1.11 m; at 21° N 0.01° of longitude about 1039 m
  it("a strip gives its width, a square half its side", () => {
    const strip = [
      [
        [
          [105.8, 21],
          [105.81, 21],
          [105.81, 21.00001],
          [105.8, 21.00001],
          [105.8, 21],
        ],
      ],
    ];
    expect(meanWidthMeters(strip)).toBeCloseTo(1.11, 2);
    const square = [
      [
        [
          [105.8, 21],
          [105.8, 21.01],
          [105.81, 21.01],
          [105.81, 21],
          [105.8, 21],
        ],
      ],
    ];
    // about 1039 × 1113 m (flat): 2A/P ≈ 537 m, whichever way the ring turns
    expect(meanWidthMeters(square)).toBeGreaterThan(530);
    expect(meanWidthMeters(square)).toBeLessThan(545);
  });

  it("a hole takes its area off but adds its edges", () => {
    const ring = (x0: number, y0: number, s: number) => [
      [x0, y0],
      [x0 + s, y0],
      [x0 + s, y0 + s],
      [x0, y0 + s],
      [x0, y0],
    ];
    const solid = meanWidthMeters([[ring(105.8, 21, 0.01)]]);
    const framed = meanWidthMeters([[ring(105.8, 21, 0.01), ring(105.801, 21.001, 0.008)]]);
    expect(framed).toBeLessThan(solid / 3);
    expect(meanWidthMeters([])).toBe(0);
  });
});

describe.skipIf(!existsSync(FILE))("the city plan taken to VN-2000 and back", () => {
  it("compares as no change: the millimetre slivers are noise by their width", async () => {
    const plan = await readFlatGeobuf(new Uint8Array(readFileSync(FILE)));
    const result = comparePlans(plan, roundTrip(plan));
    // before the width tolerance: about 590 pieces, 0.1 ha "changed", "added" and "removed"
    expect(result.pieces).toEqual([]);
    expect(result.problems).toEqual([]);
    const { totals } = result.summary;
    expect(totals.changedHectares + totals.addedHectares + totals.removedHectares).toBe(0);
    expect(totals.belowTolerance.pieces).toBeGreaterThan(0);
    expect(result.summary.toleranceMeters).toBe(0.01);
  }, 120_000);
});
