import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import type { LayerEntry } from "../../src/core/catalog/schema";
import { identifyHits } from "../../src/state/identify";
import type { FeatureHit } from "../../src/state/selection";
import { landUseLayer, layerEntry } from "./layer-fixture";

const feature = (properties: Record<string, unknown>): Feature => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: [105.85, 21.03] },
  properties,
});

const DISTRICT_LAYER = layerEntry({ id: "hanoi-districts", level: "district" });
const ZONES = landUseLayer({ id: "city-plan-zones", level: "city" });
const LAYERS = new Map<string, LayerEntry>([
  [DISTRICT_LAYER.id, DISTRICT_LAYER],
  [ZONES.id, ZONES],
]);

describe("identifyHits", () => {
  const zone = feature({ id: "CP-002-0001" });
  const hoanKiemBase = feature({ code: "002", name: "Quận Hoàn Kiếm" });
  const hoanKiemLayer = feature({ code: "002", name: "Quận Hoàn Kiếm" });
  const baDinhBase = feature({ code: "001", name: "Quận Ba Đình" });
  const baDinhLayer = feature({ code: "001", name: "Quận Ba Đình" });

  it("lists each district once near a boundary (the base map's and the layer's are one)", () => {
    // what the map reported for a click on the Ba Đình / Hoàn Kiếm boundary, topmost first
    const hits: FeatureHit[] = [
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "plan", layerId: DISTRICT_LAYER.id, feature: hoanKiemLayer },
      { kind: "plan", layerId: DISTRICT_LAYER.id, feature: baDinhLayer },
      { kind: "district", feature: hoanKiemBase },
      { kind: "district", feature: baDinhBase },
    ];
    expect(identifyHits(hits, LAYERS)).toEqual([
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "district", feature: hoanKiemBase },
      { kind: "district", feature: baDinhBase },
    ]);
  });

  it("gives the base map's entry when both hits hold the same feature (one file read once)", () => {
    const hits: FeatureHit[] = [
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "plan", layerId: DISTRICT_LAYER.id, feature: hoanKiemBase },
      { kind: "district", feature: hoanKiemBase },
    ];
    expect(identifyHits(hits, LAYERS)).toEqual([
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "district", feature: hoanKiemBase },
    ]);
  });

  it("keeps the topmost first and drops a feature reported twice (fill and outline)", () => {
    const hits: FeatureHit[] = [
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "plan", layerId: ZONES.id, feature: zone },
      { kind: "district", feature: hoanKiemBase },
    ];
    expect(identifyHits(hits, LAYERS)).toHaveLength(2);
  });

  it("keeps the district layer's entry when the base map's is not under the click", () => {
    const hits: FeatureHit[] = [
      { kind: "plan", layerId: DISTRICT_LAYER.id, feature: hoanKiemLayer },
    ];
    expect(identifyHits(hits, LAYERS)).toEqual(hits);
  });

  it("keeps two plan features with the same code in layers that are not districts", () => {
    const a = feature({ code: "X" });
    const b = feature({ code: "X" });
    const hits: FeatureHit[] = [
      { kind: "plan", layerId: ZONES.id, feature: a },
      { kind: "plan", layerId: ZONES.id, feature: b },
    ];
    expect(identifyHits(hits, LAYERS)).toHaveLength(2);
  });
});
