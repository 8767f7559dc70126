import { describe, expect, it } from "vitest";
import { validateFeatureCollection } from "../../../src/core/validate/validate-feature-collection";
import { formatIssue } from "../../../src/core/validate/validation-issue";

/*
 * The data step's validation of boundary files quotes what it found where a Feature, a geometry
 * type or a position was expected. It used JSON.stringify for that: a megabyte value was copied into
 * the message whole, and a value nested a million deep overflowed the stack, so the validator threw
 * instead of saying what is wrong.
 */

const deep = () => JSON.parse(`${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`) as unknown;
const square = [
  [
    [105.8, 21],
    [105.81, 21],
    [105.81, 21.01],
    [105.8, 21],
  ],
];
const lines = (features: unknown[]) =>
  validateFeatureCollection(
    { type: "FeatureCollection", features },
    { file: "x.geojson" },
  ).issues.map(formatIssue);

describe("validateFeatureCollection on hostile values", () => {
  it("quotes a long feature type short", () => {
    const [line] = lines([{ type: "F".repeat(100_000), properties: {}, geometry: null }]);
    expect(line).toContain("is not a Feature");
    expect(line?.length).toBeLessThan(400);
  });

  it("says what is wrong with values nested a million deep, never throws", () => {
    const nested = deep();
    const found = lines([
      { type: nested, properties: {}, geometry: null },
      { type: "Feature", properties: {}, geometry: { type: nested, coordinates: [] } },
      {
        type: "Feature",
        properties: {},
        geometry: { type: "Polygon", coordinates: [[...(square[0] ?? []), nested]] },
      },
    ]);
    expect(found[0]).toMatch(/features\[0\].*is not a Feature \(type \[…\]\)/);
    expect(found.some((line) => /features\[1\].*geometry type \[…\]/.test(line))).toBe(true);
    expect(found.some((line) => /features\[2\].*fewer than 2 numbers/.test(line))).toBe(true);
  });

  it("refuses geometry collections nested without end, never throws", () => {
    let geometry: unknown = { type: "Polygon", coordinates: square };
    for (let i = 0; i < 200_000; i++)
      geometry = { type: "GeometryCollection", geometries: [geometry] };
    const found = lines([{ type: "Feature", properties: {}, geometry }]);
    expect(found.some((line) => /nested/.test(line))).toBe(true);
  });
});
