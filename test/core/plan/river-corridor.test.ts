import { booleanPointInPolygon } from "@turf/turf";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { offsetPolyline, riverCorridor } from "../../../src/core/plan/river-corridor";
import { move } from "./geodesic-helpers";

const north = (p: Position, metres: number) => move(p, metres, 0);

describe("offsetPolyline", () => {
  it("keeps the distance to both segments at a corner", () => {
    const out = offsetPolyline(
      [
        [0, 0],
        [100, 0],
        [100, 100],
      ],
      [10, 10, 10],
    );
    expect(out[0]?.[0]).toBeCloseTo(0);
    expect(out[0]?.[1]).toBeCloseTo(10);
    expect(out[1]?.[0]).toBeCloseTo(90);
    expect(out[1]?.[1]).toBeCloseTo(10);
    expect(out[2]?.[0]).toBeCloseTo(90);
    expect(out[2]?.[1]).toBeCloseTo(100);
  });
});

describe("riverCorridor", () => {
  // A river flowing east: its left bank is the north bank.
  const centre: Position[] = [
    [105.8, 21.0],
    [105.85, 21.0],
    [105.9, 21.0],
  ];
  const river = riverCorridor(centre, [1000, 1000, 1000], [500, 500, 500]);

  it("spans the two half-widths between the dykes", () => {
    const mid = [105.85, 21.0];
    expect(booleanPointInPolygon(north(mid, 990), river.corridor)).toBe(true);
    expect(booleanPointInPolygon(north(mid, 1010), river.corridor)).toBe(false);
    expect(booleanPointInPolygon(north(mid, -490), river.corridor)).toBe(true);
    expect(booleanPointInPolygon(north(mid, -510), river.corridor)).toBe(false);
    const lengthM = 2 * 0.05 * 103_900; // ≈ 10.4 km of river at 21° N
    expect(geodesicArea(river.corridor) / (lengthM * 1500)).toBeCloseTo(1, 2);
  });

  it("draws the dykes on the corridor's edges", () => {
    expect(river.leftDyke.coordinates).toHaveLength(3);
    const [lon, lat] = river.leftDyke.coordinates[1] as [number, number];
    expect(lon).toBeCloseTo(105.85, 6);
    expect(lat).toBeCloseTo(north([105.85, 21.0], 1000)[1] as number, 6);
  });

  it("protects 25 m landside and 20 m riverside of each dyke", () => {
    const dyke = north([105.85, 21.0], 1000);
    expect(booleanPointInPolygon(north(dyke, 24), river.leftZone)).toBe(true);
    expect(booleanPointInPolygon(north(dyke, 26), river.leftZone)).toBe(false);
    expect(booleanPointInPolygon(north(dyke, -19), river.leftZone)).toBe(true);
    expect(booleanPointInPolygon(north(dyke, -21), river.leftZone)).toBe(false);
    const right = north([105.85, 21.0], -500);
    expect(booleanPointInPolygon(north(right, -24), river.rightZone)).toBe(true);
    expect(booleanPointInPolygon(north(right, -26), river.rightZone)).toBe(false);
    expect(booleanPointInPolygon(north(right, 19), river.rightZone)).toBe(true);
    expect(booleanPointInPolygon(north(right, 21), river.rightZone)).toBe(false);
  });
});
