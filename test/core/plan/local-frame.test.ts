import { Geodesic } from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { distanceToPolyline, localFrame, planarDistance } from "../../../src/core/plan/local-frame";

describe("localFrame", () => {
  const frame = localFrame([105.85, 21.03]);

  it("round-trips positions", () => {
    const back = frame.toLonLat(frame.toMetres([105.62, 20.71]));
    expect(back[0]).toBeCloseTo(105.62, 10);
    expect(back[1]).toBeCloseTo(20.71, 10);
  });

  it("measures distances across Hà Nội within 0.3 % of the ellipsoidal distance", () => {
    const pairs: [number, number, number, number][] = [
      [105.85, 21.03, 105.36, 21.07],
      [105.85, 21.03, 105.8, 20.6],
      [105.3, 20.6, 106.0, 21.38],
    ];
    for (const [lon1, lat1, lon2, lat2] of pairs) {
      const exact = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12 ?? 0;
      const planar = planarDistance(frame.toMetres([lon1, lat1]), frame.toMetres([lon2, lat2]));
      expect(Math.abs(planar - exact) / exact).toBeLessThan(0.003);
    }
  });
});

describe("distanceToPolyline", () => {
  it("is the distance to the nearest segment, ends included", () => {
    const line: [number, number][] = [
      [0, 0],
      [100, 0],
      [100, 100],
    ];
    expect(distanceToPolyline([50, 30], line)).toBeCloseTo(30);
    expect(distanceToPolyline([130, 50], line)).toBeCloseTo(30);
    expect(distanceToPolyline([-30, -40], line)).toBeCloseTo(50);
    expect(distanceToPolyline([0, 0], [])).toBe(Number.POSITIVE_INFINITY);
  });
});
