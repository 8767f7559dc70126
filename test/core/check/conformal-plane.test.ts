import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { conformalPlane } from "../../../src/core/check/conformal-plane";

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;

/** Points on a grid around a centre, up to about 60 km away. */
function around(lon0: number, lat0: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = -3; i <= 3; i++)
    for (let j = -3; j <= 3; j++) out.push([lon0 + i * 0.2, lat0 + j * 0.18]);
  return out;
}

describe("conformalPlane (oblique stereographic, Gauss–Schreiber)", () => {
  for (const [lon0, lat0] of [
    [105.8, 21.0],
    [24.95, 60.1],
    [-70, -45],
  ] as const) {
    it(`maps back what it maps, around (${lon0}, ${lat0})`, () => {
      const plane = conformalPlane(lon0, lat0);
      for (const [lon, lat] of around(lon0, lat0)) {
        const p = plane.forward(lon, lat);
        const [lon2, lat2] = plane.inverse(p.x, p.y);
        expect(Math.abs(lon2 - lon)).toBeLessThan(1e-12);
        expect(Math.abs(lat2 - lat)).toBeLessThan(1e-12);
      }
      const centre = plane.forward(lon0, lat0);
      expect(Math.hypot(centre.x, centre.y)).toBeLessThan(1e-6);
      expect(centre.k).toBeCloseTo(1, 12);
    });

    it(`stretches every direction by its scale k, around (${lon0}, ${lat0})`, () => {
      const plane = conformalPlane(lon0, lat0);
      for (const [lon, lat] of around(lon0, lat0)) {
        const p = plane.forward(lon, lat);
        for (const azimuth of [0, 45, 90, 160, 250]) {
          // 100 m along a geodesic: the plane's length over the true one is the scale along it
          // (conformal: the same whatever the direction), the mean of k at its ends
          const g = WGS84.Direct(lat, lon, azimuth, 100, Geodesic.LATITUDE | Geodesic.LONGITUDE);
          const q = plane.forward(g.lon2 as number, g.lat2 as number);
          const k = (p.k + q.k) / 2;
          expect(Math.abs(Math.hypot(q.x - p.x, q.y - p.y) / (100 * k) - 1)).toBeLessThan(1e-9);
        }
        // and k grows like 1 + r² / (4 R²) away from the centre
        const r = Math.hypot(p.x, p.y);
        expect(Math.abs(p.k - 1 - (r * r) / (4 * 6.37e6 * 6.37e6))).toBeLessThan(2e-7);
      }
    });
  }
});
