import { describe, expect, it } from "vitest";
import { colorExpression, opacityPaint, planLayerSpecs } from "../../src/map/plan-layer-specs";
import { landUseLayer, layerEntry } from "../state/layer-fixture";

describe("colorExpression", () => {
  it("is the colour itself for a simple style", () => {
    expect(colorExpression(layerEntry().style)).toBe("#c0392b");
  });

  it("matches category values as text, first duplicate wins, fallback last", () => {
    expect(colorExpression(landUseLayer().style)).toEqual([
      "match",
      ["to-string", ["get", "land_use_code"]],
      "RDD",
      "#1e8449",
      "LUC",
      "#f4d03f",
      "#cccccc",
    ]);
  });

  it("reads numeric category values as text", () => {
    const style = {
      type: "categorised" as const,
      attribute: "phase",
      fallbackColor: "#000000",
      categories: [{ value: 1, color: "#111111", label: { vi: "1", en: "1" } }],
    };
    expect(colorExpression(style)).toEqual([
      "match",
      ["to-string", ["get", "phase"]],
      "1",
      "#111111",
      "#000000",
    ]);
  });
});

describe("planLayerSpecs", () => {
  it("draws polygons with an outline of at most 1 px as one fill whose edge is the outline", () => {
    for (const width of [undefined, 0.5, 1]) {
      const base = landUseLayer();
      const specs = planLayerSpecs({ ...base, style: { ...base.style, width } }, true, 0.4);
      expect(specs.map((s) => [s.id, s.type, "source" in s && s.source])).toEqual([
        ["plan:national-land-use:fill", "fill", "plan:national-land-use"],
      ]);
      expect(specs[0]?.layout).toEqual({ visibility: "visible" });
      // MapLibre strokes the fill's edge (antialiasing, on unless turned off) in its colour
      expect(specs[0]?.paint).toEqual({
        "fill-color": colorExpression(base.style),
        "fill-opacity": 0.4,
      });
    }
  });

  it("draws polygons with a wider outline as a fill without its edge plus an outline layer", () => {
    const base = landUseLayer();
    const specs = planLayerSpecs({ ...base, style: { ...base.style, width: 1.5 } }, true, 0.4);
    expect(specs.map((s) => [s.id, s.type, "source" in s && s.source])).toEqual([
      ["plan:national-land-use:fill", "fill", "plan:national-land-use"],
      ["plan:national-land-use:outline", "line", "plan:national-land-use"],
    ]);
    expect(specs[0]?.paint).toMatchObject({ "fill-antialias": false, "fill-opacity": 0.4 });
    expect(specs[1]?.paint).toMatchObject({ "line-width": 1.5, "line-opacity": 0.4 });
  });

  it("draws lines with the style width and points as circles, hidden when asked", () => {
    const [line] = planLayerSpecs(layerEntry(), false, 1);
    expect(line).toMatchObject({
      type: "line",
      layout: { visibility: "none" },
      paint: { "line-width": 3, "line-opacity": 1 },
    });
    const [point] = planLayerSpecs(layerEntry({ geometryType: "point" }), true, 0.5);
    expect(point).toMatchObject({ type: "circle", paint: { "circle-opacity": 0.5 } });
  });
});

describe("opacityPaint", () => {
  it("names the opacity properties of each layer type", () => {
    const base = landUseLayer();
    const [fill, outline] = planLayerSpecs(
      { ...base, style: { ...base.style, width: 2 } },
      true,
      1,
    );
    const [point] = planLayerSpecs(layerEntry({ geometryType: "point" }), true, 1);
    expect(fill && opacityPaint(fill, 0.3)).toEqual([["fill-opacity", 0.3]]);
    expect(outline && opacityPaint(outline, 0.3)).toEqual([["line-opacity", 0.3]]);
    expect(point && opacityPaint(point, 0.3)).toEqual([
      ["circle-opacity", 0.3],
      ["circle-stroke-opacity", 0.3],
    ]);
  });
});
