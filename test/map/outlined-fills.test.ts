import type { LayerSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import { baseStyle } from "../../src/map/base-style";
import { checkLayerSpecs } from "../../src/map/check-layers";
import { compareLayerSpecs } from "../../src/map/compare-layers";
import { flagLayerSpecs } from "../../src/map/flag-layers";
import { planLayerSpecs } from "../../src/map/plan-layer-specs";
import { landUseLayer } from "../state/layer-fixture";

/** Every layer the app's map can draw: the base map, a plan polygon layer, check, comparison, flags. */
const wideOutlined = () => {
  const layer = landUseLayer();
  return { ...layer, style: { ...layer.style, width: 2 } };
};
const appLayers = (): LayerSpecification[] => [
  ...baseStyle().layers,
  ...planLayerSpecs(wideOutlined(), true, 0.6),
  ...checkLayerSpecs(),
  ...compareLayerSpecs(),
  ...flagLayerSpecs(),
];

const sourceOf = (layer: LayerSpecification) =>
  "source" in layer && typeof layer.source === "string" ? layer.source : null;

describe("the fills of the app's style", () => {
  it("draw no antialiasing outline of their own where a line layer of their source outlines them", () => {
    const layers = appLayers();
    const outlined = layers.filter(
      (layer) =>
        layer.type === "fill" &&
        layers.some((other) => other.type === "line" && sourceOf(other) === sourceOf(layer)),
    );
    expect(outlined.map((l) => l.id)).toContain("plan:national-land-use:fill");
    for (const fill of outlined) {
      if (fill.id === "base:orientation-lake") continue;
      expect(fill.paint, fill.id).toMatchObject({ "fill-antialias": false });
    }
  });

  it("keep it where the edge is drawn by the fill itself (lakes, provinces, thin plan outlines)", () => {
    const layers = [...appLayers(), ...planLayerSpecs(landUseLayer(), true, 0.6)];
    for (const id of ["base:orientation-lake", "base:provinces-fill"]) {
      const fill = layers.find((l) => l.id === id);
      expect(fill?.paint, id).toHaveProperty("fill-outline-color");
      expect(fill?.paint, id).not.toHaveProperty("fill-antialias");
    }
    const thin = planLayerSpecs(landUseLayer(), true, 0.6);
    expect(thin.map((l) => l.type)).toEqual(["fill"]);
    expect(thin[0]?.paint).not.toHaveProperty("fill-antialias");
  });
});
