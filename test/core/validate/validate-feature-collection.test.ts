import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  validateFeatureCollection,
  validateGeoJsonText,
} from "../../../src/core/validate/validate-feature-collection";
import { formatIssue } from "../../../src/core/validate/validation-issue";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/validate/${name}`, import.meta.url)), "utf8");

const validate = (name: string, requiredProperties: string[] = ["code", "name"]) =>
  validateGeoJsonText(fixture(name), { file: name, requiredProperties });

/** [problem code, feature index] of each issue, in order. */
const summary = (name: string, requiredProperties?: string[]) =>
  validate(name, requiredProperties).issues.map((issue) => [issue.code, issue.featureIndex]);

describe("validateGeoJsonText", () => {
  it("accepts valid polygons, holes, multipolygons, a self-crossing line and repeated points", () => {
    const result = validate("good.geojson");
    expect(result.issues).toEqual([]);
    expect(result.collection?.features).toHaveLength(5);
  });

  it("reports text that is not JSON", () => {
    expect(summary("not-json.geojson")).toEqual([["not-json", null]]);
  });

  it("reports JSON that is not GeoJSON", () => {
    expect(summary("not-geojson.geojson")).toEqual([["not-geojson", null]]);
    expect(validateFeatureCollection([1, 2], { file: "x" }).issues[0]?.code).toBe("not-geojson");
    expect(validateFeatureCollection(null, { file: "x" }).issues[0]?.code).toBe("not-geojson");
  });

  it("reports a lone Feature where a FeatureCollection is expected", () => {
    expect(summary("wrong-type.geojson")).toEqual([["not-feature-collection", null]]);
  });

  it("reports an unknown geometry type and a feature whose type is not Feature", () => {
    expect(summary("wrong-geometry-type.geojson")).toEqual([
      ["wrong-geometry-type", 1],
      ["invalid-geojson", 2],
    ]);
  });

  it("reports an unclosed ring, naming the polygon and the ring", () => {
    const [issue] = validate("unclosed-ring.geojson").issues;
    expect(issue?.code).toBe("unclosed-ring");
    expect(issue?.message.en).toContain("polygon 2, outer ring");
    expect(issue?.message.en).toContain("[105.8, 21.001]");
  });

  it("reports a ring with fewer than 4 positions", () => {
    expect(summary("short-ring.geojson")).toEqual([["short-ring", 1]]);
  });

  it("reports a self-intersecting polygon with where it crosses", () => {
    const [issue, ...rest] = validate("self-intersection.geojson").issues;
    expect(rest).toEqual([]);
    expect(issue?.code).toBe("self-intersection");
    expect(issue?.message.en).toContain("[105.81, 21.01]");
  });

  it("reports the parts of a multipolygon crossing each other", () => {
    expect(summary("overlapping-parts.geojson")).toEqual([["self-intersection", 0]]);
  });

  it("can downgrade self-intersections to warnings, keeping the collection", () => {
    const result = validateGeoJsonText(fixture("self-intersection.geojson"), {
      file: "s",
      selfIntersection: "warning",
    });
    expect(result.issues.map((issue) => issue.severity)).toEqual(["warning"]);
    expect(result.collection).not.toBeNull();
  });

  it("reports non-finite, swapped, projected and non-numeric coordinates with a hint", () => {
    const issues = validate("bad-coordinates.geojson").issues;
    expect(issues.map((issue) => [issue.code, issue.featureIndex])).toEqual([
      ["bad-coordinate", 0],
      ["bad-coordinate", 1],
      ["bad-coordinate", 2],
      ["bad-coordinate", 3],
    ]);
    const [infinite, swapped, projected, text] = issues.map((issue) => issue.message.en);
    expect(infinite).toContain("not finite");
    expect(swapped).toContain("[latitude, longitude]");
    expect(swapped).toContain("(and 1 more positions)");
    expect(projected).toContain("projected metres");
    expect(text).toContain("not a number");
  });

  it("reports missing and empty required properties", () => {
    expect(summary("missing-properties.geojson")).toEqual([
      ["missing-property", 1],
      ["missing-property", 2],
      ["missing-property", 3],
      ["missing-property", 3],
    ]);
    expect(summary("missing-properties.geojson", [])).toEqual([["invalid-geojson", 3]]);
  });

  it("reports a feature without geometry", () => {
    expect(summary("no-geometry.geojson")).toEqual([["no-geometry", 0]]);
  });

  it("formats one line naming the file, the feature and the problem in both languages", () => {
    const [issue] = validate("self-intersection.geojson").issues;
    if (!issue) throw new Error("expected an issue");
    expect(formatIssue(issue)).toMatch(
      /^Lỗi \/ Error: self-intersection\.geojson, đối tượng \/ feature 1\/1 \(features\[0\]; id "no"; code "B"; name "Nơ \(tự cắt\)"\): đường biên tự cắt .* \/ boundary crosses or touches itself at /,
    );
  });
});
