import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { appReducer, initialAppState } from "../../src/state/app-state";
import { featureToHighlight } from "../../src/state/selection";
import { landUseLayer, layerEntry } from "./layer-fixture";

const layers = [landUseLayer(), layerEntry()];
const loaded = appReducer(initialAppState("none"), {
  type: "catalog-loaded",
  layers,
  fromUrl: undefined,
});

describe("appReducer", () => {
  it("starts from catalogue defaults, or from the link's layer list", () => {
    expect(loaded.layers["ring-road-4"]).toEqual({ visible: true, opacity: 0.7 });
    const linked = appReducer(initialAppState("osm"), {
      type: "catalog-loaded",
      layers,
      fromUrl: [{ id: "national-land-use", opacityPercent: 20 }],
    });
    expect(linked.basemap).toBe("osm");
    expect(linked.layers).toEqual({
      "national-land-use": { visible: true, opacity: 0.2 },
      "ring-road-4": { visible: false, opacity: 0.7 },
    });
  });

  it("toggles and sets opacity (clamped) without touching other layers", () => {
    const hidden = appReducer(loaded, { type: "set-visible", id: "ring-road-4", visible: false });
    expect(hidden.layers["ring-road-4"]?.visible).toBe(false);
    expect(hidden.layers["national-land-use"]).toBe(loaded.layers["national-land-use"]);
    const faded = appReducer(hidden, { type: "set-opacity", id: "ring-road-4", opacity: 1.7 });
    expect(faded.layers["ring-road-4"]).toEqual({ visible: false, opacity: 1 });
  });

  it("ignores unknown layer ids", () => {
    expect(appReducer(loaded, { type: "set-visible", id: "nope", visible: true })).toBe(loaded);
    expect(appReducer(loaded, { type: "set-opacity", id: "nope", opacity: 0 })).toBe(loaded);
  });
});

describe("featureToHighlight", () => {
  const point = { type: "Point" as const, coordinates: [105.85, 21.03] };
  const district: Feature = { type: "Feature", properties: { code: "002" }, geometry: point };
  const clicked: Feature = { type: "Feature", properties: {}, geometry: point };
  const byCode = new Map([["002", district]]);

  it("prefers the topmost clicked feature, then the searched district", () => {
    expect(
      featureToHighlight([{ kind: "plan", layerId: "x", feature: clicked }], "002", byCode),
    ).toBe(clicked);
    expect(featureToHighlight([], "002", byCode)).toBe(district);
    expect(featureToHighlight([], "999", byCode)).toBeNull();
    expect(featureToHighlight([], null, byCode)).toBeNull();
  });
});
