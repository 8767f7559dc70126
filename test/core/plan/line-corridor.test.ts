import { booleanPointInPolygon, lineString } from "@turf/turf";
import { Geodesic } from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { lineCorridor } from "../../../src/core/plan/line-corridor";
import { azimuth, move } from "./geodesic-helpers";

describe("lineCorridor", () => {
  const line = lineString([
    [105.7, 20.9],
    [105.75, 20.93],
    [105.8, 20.92],
  ]);
  const corridor = lineCorridor(line.geometry, 120);

  it("covers length × width with flat ends (area within 0.5 %)", () => {
    if (!corridor) throw new Error("no corridor");
    const lengthM = line.geometry.coordinates.slice(1).reduce((sum, p, i) => {
      const q = line.geometry.coordinates[i] as number[];
      return sum + (Geodesic.WGS84.Inverse(q[1] ?? 0, q[0] ?? 0, p[1] ?? 0, p[0] ?? 0).s12 ?? 0);
    }, 0);
    expect(Math.abs(geodesicArea(corridor) - lengthM * 120) / (lengthM * 120)).toBeLessThan(0.005);
  });

  it("reaches half the width to each side and no further", () => {
    if (!corridor) throw new Error("no corridor");
    const start = [105.725, 20.915];
    const normal = azimuth([105.7, 20.9], [105.75, 20.93]) - 90;
    const at = (metres: number) => move(start, metres, normal);
    expect(booleanPointInPolygon(start, corridor)).toBe(true);
    expect(booleanPointInPolygon(at(55), corridor)).toBe(true);
    expect(booleanPointInPolygon(at(-55), corridor)).toBe(true);
    expect(booleanPointInPolygon(at(66), corridor)).toBe(false);
    expect(booleanPointInPolygon(at(-66), corridor)).toBe(false);
  });

  it("gives no corridor for a line without length or a zero width", () => {
    expect(lineCorridor({ type: "LineString", coordinates: [[105.7, 20.9]] }, 60)).toBeNull();
    expect(lineCorridor(line.geometry, 0)).toBeNull();
  });
});
