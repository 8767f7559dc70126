import { bboxPolygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { metersPerDegree } from "../../../src/core/check/local-metric";
import { runChecks } from "../../../src/core/check/run-checks";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { fixtureInput, readFixture } from "./fixture-input";

const S = 0.01;
const X0 = 105.8;
const Y0 = 21.0;
/** Geodesic area of the lon/lat rectangle given in fixture units (0.01° from 105.8° E, 21° N). */
const rectangleArea = (x0: number, y0: number, x1: number, y1: number) =>
  geodesicArea(bboxPolygon([X0 + x0 * S, Y0 + y0 * S, X0 + x1 * S, Y0 + y1 * S]));

describe("areas checked against hand-built rectangles", () => {
  it("no-overlap: two squares overlap in the quarter square between them", () => {
    const [finding] = runChecks(
      fixtureInput(readFixture("no-overlap", "overlapping-squares")),
    ).findings;
    const expected = rectangleArea(0.5, 0.5, 1, 1);
    expect(finding?.areaSquareMeters).toBeCloseTo(expected, 2);
    // and the rectangle itself is what the local scales say: 0.005° × 0.005° near 21° N
    const k = metersPerDegree(21.0075);
    expect(expected / (0.005 * k.x * 0.005 * k.y)).toBeCloseTo(1, 4);
    expect(finding?.shareOfSubject).toBeCloseTo(expected / rectangleArea(0, 0, 1, 1), 9);
  });

  it("no-overlap: a constraint across a hole overlaps only outside the hole", () => {
    const result = runChecks(fixtureInput(readFixture("no-overlap", "hole")));
    expect(result.findings.map((f) => f.constraint?.featureId)).toEqual(["across-hole"]);
    expect(result.findings[0]?.areaSquareMeters).toBeCloseTo(rectangleArea(2, 1.4, 2.5, 1.6), 2);
  });

  it("within: the part of a concave-crossing zone over the notch is outside", () => {
    const [finding] = runChecks(fixtureInput(readFixture("within", "concave"))).findings;
    expect(finding?.subject.featureId).toBe("bridge");
    expect(finding?.areaSquareMeters).toBeCloseTo(rectangleArea(1, 2, 2, 2.5), 2);
  });

  it("min-distance: a dyke 0.0001° east of a zone is about 10.4 m away and cuts a 25 m strip", () => {
    const [finding] = runChecks(fixtureInput(readFixture("min-distance", "near-line"))).findings;
    const k = metersPerDegree(21.005);
    const gap = 0.0001 * k.x;
    expect(finding?.measures.distanceMeters).toBeCloseTo(gap, 1);
    // the buffer is geodesic to 1 mm: the strip is (25 m − gap) × zone height within 1 mm of width
    const strip = (25 - gap) * (S * k.y);
    expect(Math.abs((finding?.areaSquareMeters ?? 0) / strip - 1)).toBeLessThan(0.001 / (25 - gap));
  });

  it("quota: group sums are the geodesic areas of the matching zones", () => {
    const findings = runChecks(fixtureInput(readFixture("quota", "attribute"))).findings;
    const excess = findings.find((f) => f.group?.district === "002");
    const expected = (rectangleArea(1, 0, 2, 1) + rectangleArea(2, 0, 3, 1)) / 10_000;
    expect(excess?.measures.actualHectares).toBeCloseTo(expected, 6);
    expect(excess?.measures.excessHectares).toBeCloseTo(expected - 100, 6);
  });

  it("quota: a zone across two districts is split by the district layer", () => {
    const [finding] = runChecks(fixtureInput(readFixture("quota", "districts-layer"))).findings;
    expect(finding?.group?.district).toBe("001");
    expect(finding?.measures.actualHectares).toBeCloseTo(rectangleArea(0, 0, 0.5, 1) / 10_000, 6);
  });
});
