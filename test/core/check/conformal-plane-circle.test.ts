import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { conformalPlane } from "../../../src/core/check/conformal-plane";

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;

/** How far (plane metres) the circle is from the images of points `d` away along geodesics. */
function worstGap(lon0: number, lat0: number, lon: number, lat: number, d: number) {
  const plane = conformalPlane(lon0, lat0);
  const p = plane.forward(lon, lat);
  const c = plane.circle(p.x, p.y, p.k, d);
  let circle = 0;
  let scaled = 0;
  for (let azimuth = 0; azimuth < 360; azimuth += 15) {
    const g = WGS84.Direct(lat, lon, azimuth, d, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    const q = plane.forward(g.lon2 as number, g.lat2 as number);
    circle = Math.max(circle, Math.abs(Math.hypot(q.x - c.x, q.y - c.y) - c.r));
    // the way before: a circle of d times the scale, around the point itself
    scaled = Math.max(scaled, Math.abs(Math.hypot(q.x - p.x, q.y - p.y) - d * p.k));
  }
  return { circle, scaled };
}

describe("conformalPlane.circle: the plane's image of a geodesic circle", () => {
  for (const [lon0, lat0] of [
    [105.8, 21.0],
    [24.95, 60.1],
  ] as const) {
    it(`passes through the points d away, around (${lon0}, ${lat0})`, () => {
      for (const [dlon, dlat] of [
        [0, 0],
        [0.3, -0.2],
        [-0.5, 0.4],
      ] as const) {
        for (const d of [25, 2000, 10_000]) {
          const { circle } = worstGap(lon0, lat0, lon0 + dlon, lat0 + dlat, d);
          expect(circle).toBeLessThan(2e-5);
        }
      }
    });
  }

  it("where the scale at the point alone missed by centimetres (10 km, 60 km out)", () => {
    const { circle, scaled } = worstGap(105.8, 21.0, 106.3, 21.3, 10_000);
    expect(scaled).toBeGreaterThan(0.02);
    expect(circle).toBeLessThan(2e-5);
  });
});
