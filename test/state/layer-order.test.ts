import { describe, expect, it } from "vitest";
import { appReducer, initialAppState } from "../../src/state/app-state";
import {
  flattenOrder,
  groupVisibility,
  initialLayerOrder,
  isCatalogueOrder,
  moveLayerBy,
  moveLayerTo,
  positionInLevel,
  shownSettings,
} from "../../src/state/layer-order";
import { landUseLayer, layerEntry } from "./layer-fixture";

const layers = [
  landUseLayer({ id: "rice", visible: true }),
  layerEntry({ id: "ring-roads", visible: true }),
  layerEntry({ id: "rail", visible: false }),
  layerEntry({ id: "power", visible: false }),
  landUseLayer({ id: "zoning", level: "city", visible: true }),
];
const catalogueOrder = initialLayerOrder(layers, undefined);

function loaded(order?: string[], solo?: string) {
  return appReducer(initialAppState("none"), {
    type: "catalog-loaded",
    layers,
    fromUrl: undefined,
    order,
    solo,
  });
}

describe("the layer order", () => {
  it("starts in catalogue order, grouped by plan level", () => {
    expect(catalogueOrder).toEqual({
      national: ["rice"],
      sector: ["ring-roads", "rail", "power"],
      city: ["zoning"],
    });
    expect(isCatalogueOrder(catalogueOrder, layers)).toBe(true);
  });

  it("takes a link's order for the layers it names, the rest after them", () => {
    const order = initialLayerOrder(layers, ["power", "unknown", "ring-roads"]);
    expect(order.sector).toEqual(["power", "ring-roads", "rail"]);
    expect(flattenOrder(order)).toEqual(["rice", "power", "ring-roads", "rail", "zoning"]);
    expect(isCatalogueOrder(order, layers)).toBe(false);
  });

  it("moves a layer within its level and stops at either end", () => {
    expect(moveLayerBy(catalogueOrder, "power", -1).sector).toEqual([
      "ring-roads",
      "power",
      "rail",
    ]);
    expect(moveLayerBy(catalogueOrder, "power", -9).sector).toEqual([
      "power",
      "ring-roads",
      "rail",
    ]);
    expect(moveLayerBy(catalogueOrder, "power", 1)).toBe(catalogueOrder);
    expect(moveLayerBy(catalogueOrder, "nope", 1)).toBe(catalogueOrder);
    expect(positionInLevel(moveLayerBy(catalogueOrder, "power", -2), "power")).toEqual({
      position: 1,
      count: 3,
    });
  });

  it("drops a layer on another of its level, never across levels", () => {
    expect(moveLayerTo(catalogueOrder, "ring-roads", "power").sector).toEqual([
      "rail",
      "power",
      "ring-roads",
    ]);
    expect(moveLayerTo(catalogueOrder, "power", "ring-roads").sector).toEqual([
      "power",
      "ring-roads",
      "rail",
    ]);
    expect(moveLayerTo(catalogueOrder, "power", "zoning")).toBe(catalogueOrder);
  });
});

describe("group visibility", () => {
  it("is all, none or some", () => {
    const state = loaded();
    expect(groupVisibility(state.layers, ["ring-roads", "rail", "power"])).toBe("some");
    expect(groupVisibility(state.layers, ["rice"])).toBe("all");
    expect(groupVisibility(state.layers, ["rail", "power"])).toBe("none");
    expect(groupVisibility(state.layers, [])).toBe("none");
  });

  it("switches a whole level at once and keeps opacities", () => {
    const on = appReducer(loaded(), {
      type: "set-group-visible",
      ids: ["ring-roads", "rail", "power"],
      visible: true,
    });
    expect(groupVisibility(on.layers, ["ring-roads", "rail", "power"])).toBe("all");
    expect(on.layers.rice?.visible).toBe(true);
    const off = appReducer(on, {
      type: "set-group-visible",
      ids: ["ring-roads", "rail", "power"],
      visible: false,
    });
    expect(groupVisibility(off.layers, ["ring-roads", "rail", "power"])).toBe("none");
    expect(off.layers.rail?.opacity).toBe(0.7);
  });
});

describe("solo", () => {
  it("shows one layer alone and brings the earlier view back", () => {
    const solo = appReducer(loaded(), { type: "set-solo", id: "rail" });
    const shown = shownSettings(solo.layers, solo.solo);
    expect(
      Object.entries(shown)
        .filter(([, s]) => s.visible)
        .map(([id]) => id),
    ).toEqual(["rail"]);
    const back = appReducer(solo, { type: "set-solo", id: null });
    expect(shownSettings(back.layers, back.solo)).toEqual(loaded().layers);
  });

  it("ignores an unknown layer", () => {
    const state = loaded();
    expect(appReducer(state, { type: "set-solo", id: "nope" })).toBe(state);
  });

  it("ends when a checkbox changes, from what was shown", () => {
    const solo = appReducer(loaded(), { type: "set-solo", id: "rail" });
    const next = appReducer(solo, { type: "set-visible", id: "zoning", visible: true });
    expect(next.solo).toBeNull();
    const visible = Object.entries(next.layers)
      .filter(([, s]) => s.visible)
      .map(([id]) => id);
    expect(visible.sort()).toEqual(["rail", "zoning"]);
  });

  it("comes from a link, when the link names a catalogue layer", () => {
    expect(loaded(undefined, "power").solo).toBe("power");
    expect(loaded(undefined, "gone").solo).toBeNull();
  });
});

describe("reordering through the app reducer", () => {
  it("moves by steps and by drop, and a link's order survives loading", () => {
    const up = appReducer(loaded(), { type: "move-layer", id: "rail", steps: -1 });
    expect(up.layerOrder.sector).toEqual(["rail", "ring-roads", "power"]);
    const dropped = appReducer(up, { type: "move-layer-to", id: "rail", target: "power" });
    expect(dropped.layerOrder.sector).toEqual(["ring-roads", "power", "rail"]);
    expect(loaded(["power", "rail"]).layerOrder.sector).toEqual(["power", "rail", "ring-roads"]);
  });
});
