import { describe, expect, it } from "vitest";
import { CheckInputError } from "../../src/node/check-error";
import { checkLayerShape } from "../../src/node/layer-shape";

const polygon = (ring: unknown) => ({ type: "Polygon", coordinates: [ring] });
const ok = polygon([
  [105.8, 21],
  [105.81, 21],
  [105.81, 21.01],
  [105.8, 21],
]);
const collection = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const feature = (geometry: unknown, id?: string) => ({
  type: "Feature",
  properties: id ? { id } : {},
  geometry,
});

function problems(value: unknown, kind: "polygon" | "line" | "point" = "polygon"): string[] {
  try {
    checkLayerShape(value, "a.geojson", kind);
    return [];
  } catch (error) {
    if (!(error instanceof CheckInputError)) throw error;
    return [...error.lines];
  }
}

describe("checkLayerShape", () => {
  it("accepts polygons, multipolygons and null geometries in a polygon layer", () => {
    const multi = { type: "MultiPolygon", coordinates: [ok.coordinates] };
    const value = collection(feature(ok), feature(multi), feature(null));
    expect(checkLayerShape(value, "a.geojson", "polygon")).toBe(value);
  });

  it("leaves ring problems to the engine's valid-geometry rule", () => {
    // unclosed, too short, self-intersecting: findings, not bad input
    const bowtie = polygon([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(
      problems(
        collection(
          feature(
            polygon([
              [0, 0],
              [1, 1],
            ]),
          ),
          feature(bowtie),
        ),
      ),
    ).toEqual([]);
  });

  it("refuses what is not a FeatureCollection", () => {
    expect(problems([])[0]).toContain("a.geojson: ");
    expect(problems({ type: "Feature" })[0]).toContain('type "Feature"');
    expect(problems({ type: "FeatureCollection" })[0]).toContain("no features array");
  });

  it("names each bad feature by position, count and id", () => {
    const lines = problems(
      collection(
        feature(ok, "A"),
        feature(
          {
            type: "LineString",
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          "B",
        ),
        feature(
          polygon([
            [585000, 2323000],
            [586000, 2323000],
            [585000, 2324000],
          ]),
          "C",
        ),
        { type: "Feature", properties: {}, geometry: polygon([[0, "x"]]) },
        "nonsense",
      ),
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/feature 2\/5 \(features\[1\]; id "B"\).*LineString/);
    expect(lines[1]).toMatch(/feature 3\/5 \(features\[2\]; id "C"\).*VN-2000/);
    expect(lines[2]).toMatch(/feature 4\/5 \(features\[3\]\).*not a finite number/);
    expect(lines[3]).toMatch(/feature 5\/5.*not a Feature/);
    for (const line of lines)
      expect(line).toMatch(/^Lỗi \/ Error: a\.geojson, đối tượng \/ feature/);
  });

  it("checks the geometry kind of line and point layers", () => {
    const line = feature({
      type: "LineString",
      coordinates: [
        [105.8, 21],
        [105.9, 21],
      ],
    });
    expect(problems(collection(line), "line")).toEqual([]);
    expect(problems(collection(line), "point")[0]).toContain("Point/MultiPoint");
  });

  it("shows at most 20 problems and counts the rest", () => {
    const bad = Array.from({ length: 25 }, () => feature({ type: "Point", coordinates: [0, 0] }));
    const lines = problems(collection(...bad));
    expect(lines).toHaveLength(21);
    expect(lines[20]).toContain("5 more");
  });
});
