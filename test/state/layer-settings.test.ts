import { describe, expect, it } from "vitest";
import { initialLayerSettings, visibleLayersForUrl } from "../../src/state/layer-settings";
import { landUseLayer, layerEntry } from "./layer-fixture";

const layers = [
  landUseLayer({ visible: true, opacity: 0.5 }),
  layerEntry({ visible: false, opacity: 1 }),
];

describe("initialLayerSettings", () => {
  it("uses the catalogue defaults when the link has no layer list", () => {
    expect(initialLayerSettings(layers, undefined)).toEqual({
      "national-land-use": { visible: true, opacity: 0.5 },
      "ring-road-4": { visible: false, opacity: 1 },
    });
  });

  it("shows exactly the linked layers with the linked opacity", () => {
    expect(
      initialLayerSettings(layers, [
        { id: "ring-road-4", opacityPercent: 30 },
        { id: "not-in-catalogue", opacityPercent: 80 },
      ]),
    ).toEqual({
      "national-land-use": { visible: false, opacity: 0.5 },
      "ring-road-4": { visible: true, opacity: 0.3 },
    });
  });

  it("hides every layer for an empty linked list", () => {
    const settings = initialLayerSettings(layers, []);
    expect(Object.values(settings).map((s) => s.visible)).toEqual([false, false]);
  });
});

describe("visibleLayersForUrl", () => {
  it("lists visible layers in catalogue order with percent opacity", () => {
    expect(
      visibleLayersForUrl(layers, {
        "ring-road-4": { visible: true, opacity: 0.255 },
        "national-land-use": { visible: true, opacity: 1 },
      }),
    ).toEqual([
      { id: "national-land-use", opacityPercent: 100 },
      { id: "ring-road-4", opacityPercent: 26 },
    ]);
    expect(visibleLayersForUrl(layers, { "ring-road-4": { visible: false, opacity: 1 } })).toEqual(
      [],
    );
  });
});
