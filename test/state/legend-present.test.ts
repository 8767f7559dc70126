import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { buildLegend, presentValues } from "../../src/state/legend";
import { landUseLayer } from "./layer-fixture";

const oneCategory = landUseLayer({
  id: "national-rice-land",
  style: {
    type: "categorised",
    attribute: "land_use_code",
    fallbackColor: "#cccccc",
    categories: [
      { value: "LUC", color: "#fffc8c", label: { vi: "Đất chuyên trồng lúa nước", en: "Rice" } },
    ],
  },
});

function zones(...codes: (string | number | null)[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: codes.map((code) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [105.8, 21] },
      properties: code === null ? {} : { land_use_code: code },
    })),
  };
}

describe("buildLegend without the layer's data", () => {
  it("has no 'other values' line for a layer with only one category", () => {
    expect(buildLegend(oneCategory).map((item) => item.code ?? "other")).toEqual(["LUC"]);
  });

  it("keeps the 'other values' line when there are several categories", () => {
    expect(buildLegend(landUseLayer()).at(-1)?.label).toBeNull();
  });
});

describe("buildLegend with the values the features hold", () => {
  it("lists only the categories present, and no 'other' line when every value is named", () => {
    const present = presentValues(landUseLayer(), zones("LUC", "LUC"));
    expect(buildLegend(landUseLayer(), present ?? undefined)).toEqual([
      { color: "#f4d03f", label: { vi: "Đất lúa", en: "Wet rice" }, code: "LUC" },
    ]);
  });

  it("adds the 'other values' line when a feature holds an unnamed or missing value", () => {
    for (const data of [zones("LUC", "XYZ"), zones("LUC", null)]) {
      const present = presentValues(oneCategory, data) ?? undefined;
      expect(buildLegend(oneCategory, present).map((item) => item.code ?? "other")).toEqual([
        "LUC",
        "other",
      ]);
    }
  });

  it("compares numbers as text, as the map's colour expression does", () => {
    expect([...(presentValues(landUseLayer(), zones(7, "7")) ?? [])]).toEqual(["7"]);
  });
});
