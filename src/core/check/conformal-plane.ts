import { WGS84_A as A, WGS84_E2 as E2 } from "./wgs84";

const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/** A point of the plane (metres) and the plane's scale there (plane length / true length). */
export type PlanePoint = { x: number; y: number; k: number };

/** A conformal plane around a point of the WGS84 ellipsoid. */
export type ConformalPlane = {
  forward(lon: number, lat: number): PlanePoint;
  inverse(x: number, y: number): [number, number];
  /**
   * The points within `d` metres of the plane point (x, y), where the scale is `k`: a circle in the
   * plane, its centre and radius (metres of the plane).
   */
  circle(x: number, y: number, k: number, d: number): { x: number; y: number; r: number };
};

/** Isometric latitude of a geodetic latitude (radians) on the ellipsoid. */
function isometric(phi: number): number {
  const s = Math.sin(phi);
  return Math.atanh(s) - E * Math.atanh(E * s);
}

/**
 * The oblique stereographic projection of the ellipsoid around (lon0, lat0), in Gauss–Schreiber
 * form (EPSG method 9809, as used by national grids): the ellipsoid mapped conformally onto Gauss's
 * sphere of radius √(ρ₀ν₀), whose scale departs from 1 only at third order away from lat0, then
 * that sphere projected stereographically. Conformal, so the scale `k` at a point is the same in
 * every direction: a length ℓ on the ellipsoid near it is k · ℓ in the plane, with k = 1 at the
 * centre and growing like 1 + r² / (4 R²) at distance r.
 */
export function conformalPlane(lon0: number, lat0: number): ConformalPlane {
  const phi0 = lat0 * RAD;
  const s0 = Math.sin(phi0);
  const c0 = Math.cos(phi0);
  const w0 = 1 - E2 * s0 * s0;
  const R = Math.sqrt(((A * (1 - E2)) / (w0 * Math.sqrt(w0))) * (A / Math.sqrt(w0)));
  const n = Math.sqrt(1 + (E2 * c0 ** 4) / (1 - E2));
  const sinChi0 = s0 / n;
  const cosChi0 = Math.sqrt(1 - sinChi0 * sinChi0);
  // the sphere's isometric latitude is n times the ellipsoid's, plus this
  const shift = Math.atanh(sinChi0) - n * isometric(phi0);
  return {
    forward(lon, lat) {
      const phi = lat * RAD;
      const s = Math.sin(phi);
      const sinChi = Math.tanh(n * isometric(phi) + shift);
      const cosChi = Math.sqrt(1 - sinChi * sinChi);
      const dLon = ((((lon - lon0) % 360) + 540) % 360) - 180;
      const L = n * dLon * RAD;
      const cosL = Math.cos(L);
      const B = 1 + sinChi * sinChi0 + cosChi * cosChi0 * cosL;
      const nu = A / Math.sqrt(1 - E2 * s * s);
      return {
        x: (2 * R * cosChi * Math.sin(L)) / B,
        y: (2 * R * (sinChi * cosChi0 - cosChi * sinChi0 * cosL)) / B,
        // Gauss's sphere (R · n · cos χ / (ν cos φ)) times the stereographic scale (2 / B)
        k: ((R * n * cosChi) / (nu * Math.cos(phi))) * (2 / B),
      };
    },
    inverse(x, y) {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [lon0, lat0];
      const c = 2 * Math.atan(rho / (2 * R));
      const sc = Math.sin(c);
      const cc = Math.cos(c);
      const sinChi = cc * sinChi0 + (y * sc * cosChi0) / rho;
      const L = Math.atan2(x * sc, rho * cosChi0 * cc - y * sinChi0 * sc);
      const psi = (Math.atanh(sinChi) - shift) / n;
      // φ from its isometric latitude by Newton's method (dψ/dφ = (1 − e²) / ((1 − e² sin²φ) cos φ)),
      // from the sphere's answer, off by e² at most: three steps reach the last digit
      let phi = Math.asin(Math.tanh(psi));
      for (let i = 0; i < 3; i++) {
        const s = Math.sin(phi);
        phi -= ((isometric(phi) - psi) * (1 - E2 * s * s) * Math.cos(phi)) / (1 - E2);
      }
      return [lon0 + L / n / RAD, phi / RAD];
    },
    /*
     * Stereographic projection maps circles of the sphere to circles, but not centre to centre: the
     * geodesic circle of radius d around a point ρ from the plane's centre is the circle through the
     * images of its points nearest to and farthest from the centre, 2R tan((θ ∓ α) / 2) from it (θ
     * the point's and α the circle's angle on the sphere). d · k instead (the scale at the point
     * alone) leaves the circle d² ρ / (4 R²) off centre and d³ / (12 R²) too small: 31 and 2 mm
     * at d = 10 km, ρ = 50 km. On the ellipsoid, d is d · m on Gauss's sphere, m its scale (k over
     * the stereographic 1 + ρ² / (4 R²)), constant to third order across a circle.
     */
    circle(x, y, k, d) {
      const rho = Math.hypot(x, y);
      const m = k / (1 + (rho * rho) / (4 * R * R));
      const alpha = (d * m) / R;
      const theta = 2 * Math.atan(rho / (2 * R));
      const far = 2 * R * Math.tan((theta + alpha) / 2);
      const near = 2 * R * Math.tan((theta - alpha) / 2);
      const centre = (far + near) / 2;
      const scale = rho > 0 ? centre / rho : 0;
      return { x: x * scale, y: y * scale, r: (far - near) / 2 };
    },
  };
}
