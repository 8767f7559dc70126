import { describe, expect, it } from "vitest";
import { buildLegend } from "../../src/state/legend";
import { landUseLayer, layerEntry } from "./layer-fixture";

describe("buildLegend", () => {
  it("gives a simple style one line labelled with the layer title when it has no label", () => {
    expect(buildLegend(layerEntry())).toEqual([
      { color: "#c0392b", label: { vi: "Đường Vành đai 4", en: "Ring Road 4" } },
    ]);
  });

  it("uses the simple style's own label when present", () => {
    const label = { vi: "Tuyến", en: "Route" };
    const layer = layerEntry({ style: { type: "simple", color: "#123456", label } });
    expect(buildLegend(layer)).toEqual([{ color: "#123456", label }]);
  });

  it("lists categories once each, then the fallback colour as 'other'", () => {
    expect(buildLegend(landUseLayer())).toEqual([
      {
        color: "#1e8449",
        label: { vi: "Rừng đặc dụng (RDD)", en: "Special-use forest (RDD)" },
        code: "RDD",
      },
      { color: "#f4d03f", label: { vi: "Đất lúa", en: "Wet rice" }, code: "LUC" },
      { color: "#cccccc", label: null },
    ]);
  });
});
