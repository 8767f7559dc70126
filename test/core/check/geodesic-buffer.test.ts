import type { Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { geodesicBuffer } from "../../../src/core/check/geodesic-buffer";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import {
  boundaryErrors,
  BUFFER_CASES as cases,
  expectWithinMillimetre,
  HANG_GUARD,
  MM,
} from "./buffer-distance";

describe(
  "geodesicBuffer: the boundary lies d from the geometry on the ellipsoid",
  HANG_GUARD,
  () => {
    for (const [name, geometry] of cases) {
      for (const d of [25, 300]) {
        it(`${name}, d = ${d} m: within 1 mm (GeographicLib)`, () => {
          expectWithinMillimetre(geodesicBuffer(geometry, d), geometry, d, 150);
        });
      }
    }

    it("draws round joins exactly where the line comes back within 2 d of itself", () => {
      // arms about 33 m apart: their 25 m offsets cross each other
      const u: Geometry = {
        type: "LineString",
        coordinates: [
          [105.8, 21.0],
          [105.83, 21.0],
          [105.83, 21.0003],
          [105.8, 21.0003],
        ],
      };
      const zone = geodesicBuffer(u, 25);
      expect(zone).toHaveLength(1);
      expect(zone[0]).toHaveLength(1);
      const errors = boundaryErrors(zone, u, 25, 200);
      expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
    });

    it("buffers points into geodesic circles, overlapping ones united", () => {
      const points: Geometry = {
        type: "MultiPoint",
        coordinates: [
          [105.8, 21.0],
          [105.8003, 21.0001],
          [105.81, 21.0],
        ],
      };
      const zone = geodesicBuffer(points, 25);
      expect(zone).toHaveLength(2);
      const errors = boundaryErrors(zone, points, 25, 150);
      expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
    });

    it("buffers a ring collapsed to one position as that point: a geodesic circle", () => {
      const p = [105.8, 21.0];
      const zone = geodesicBuffer({ type: "Polygon", coordinates: [[p, p, p, p]] }, 25);
      expect(zone).toHaveLength(1);
      // within 1 mm all round: the area within 1 mm × the circumference of π d²
      const area = geodesicArea({ type: "Polygon", coordinates: zone[0] as Position[][] });
      expect(Math.abs(area - Math.PI * 25 * 25)).toBeLessThan(2 * Math.PI * 25 * MM);
    });

    it("rejects a distance that is not positive and positions that are not lon/lat", () => {
      const line: Geometry = {
        type: "LineString",
        coordinates: [
          [105.8, 21.0],
          [105.81, 21.0],
        ],
      };
      expect(() => geodesicBuffer(line, 0)).toThrow(RangeError);
      expect(() => geodesicBuffer(line, Number.NaN)).toThrow(RangeError);
      const bad: Geometry = {
        type: "LineString",
        coordinates: [
          [105.8, 21.0],
          [105.81, 91],
        ],
      };
      expect(() => geodesicBuffer(bad, 25)).toThrow(
        "buffer: position 2 of a LineString, [105.81,91], is not a longitude/latitude",
      );
    });
  },
);
