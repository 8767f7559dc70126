import { bboxPolygon } from "@turf/turf";
import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { metersPerDegree } from "../../../src/core/check/local-metric";
import { runChecks } from "../../../src/core/check/run-checks";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { fixtureInput, readFixture } from "./fixture-input";

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
const D = 25;

const areaOf = (name: string) => {
  const [finding] = runChecks(fixtureInput(readFixture("min-distance", name))).findings;
  return finding?.areaSquareMeters ?? Number.NaN;
};
/** Length (m) of the meridian between two latitudes. */
const meridian = (lat0: number, lat1: number) =>
  WGS84.Inverse(lat0, 105.8, lat1, 105.8, Geodesic.DISTANCE).s12 as number;

/*
 * The clearance zones of the min-distance fixtures, computed by hand on the ellipsoid. A meridian is
 * a geodesic, so the points d from it are d / (N cos φ) of longitude away at each latitude; a strip
 * of that width spans N cos φ · Δλ · M dφ = d · M dφ, so its area is d times the meridian's length.
 * The points d from a parallel are the parallels a meridian arc d away. An error of 1 mm along a
 * boundary moves an area by 1 mm times its length: the tolerances below (Turf's spherical buffer
 * was off by 43 to 224 m² here).
 */
describe("min-distance zones against hand-computed areas", () => {
  it("a dyke along a meridian across a zone: 2 d times the meridian's length", () => {
    const length = meridian(21.0, 21.01);
    const expected = 2 * D * length;
    expect(Math.abs(areaOf("crossing-line") - expected)).toBeLessThan(2 * length * 1e-3);
  });

  it("a dyke 0.0001° east of a zone: d times the meridian's length less the gap", () => {
    const length = meridian(21.0, 21.01);
    const gap = geodesicArea(bboxPolygon([105.81, 21.0, 105.8101, 21.01]));
    const expected = D * length - gap;
    expect(Math.abs(areaOf("near-line") - expected)).toBeLessThan(length * 1e-3);
    // a polygon with the same west edge: the same strip (its round corners lie off the zone)
    expect(Math.abs(areaOf("near-polygon") - expected)).toBeLessThan(length * 1e-3);
  });

  it("a dyke along a parallel across a zone: the band between the parallels a meridian arc d away", () => {
    const north = WGS84.Direct(21.005, 105.8, 0, D, Geodesic.LATITUDE).lat2 as number;
    const south = WGS84.Direct(21.005, 105.8, 180, D, Geodesic.LATITUDE).lat2 as number;
    // the rectangle's two long edges bend alike as geodesics, so its geodesic area is the band's
    const expected = geodesicArea(bboxPolygon([105.8, south, 105.81, north]));
    const length = 0.01 * metersPerDegree(21.005).x;
    expect(Math.abs(areaOf("east-west-line") - expected)).toBeLessThan(2 * length * 1e-3);
    // which is 2 d times the zone's width, up to the ellipsoid's curvature across 50 m
    expect(expected / (2 * D * length)).toBeCloseTo(1, 6);
  });
});
