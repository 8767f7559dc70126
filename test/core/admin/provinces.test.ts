import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { mergeProvinces } from "../../../src/core/admin/provinces";
import type { AreaGeometry, BoundaryProperties } from "../../../src/core/admin/types";
import { readSharedJson } from "./shared-data";

const boundary = readSharedJson("hanoi-boundary.geojson") as FeatureCollection<
  AreaGeometry,
  BoundaryProperties
>;

describe("mergeProvinces", () => {
  it("keeps the 62 provinces, the Red River Delta ones at full resolution", () => {
    const simplified = readSharedJson("vietnam-provinces-simplified.geojson") as FeatureCollection;
    const detailed = readSharedJson("red-river-delta-provinces.geojson") as FeatureCollection;
    const merged = mergeProvinces(simplified, detailed, boundary);
    expect(merged.features).toHaveLength(62);
    const codes = merged.features.map((feature) => String(feature.id));
    expect(codes).toEqual([...codes].sort());
    const detailedCodes = new Set(detailed.features.map((f) => String(f.properties?.code)));
    for (const feature of merged.features) {
      const full = detailedCodes.has(String(feature.id));
      expect(feature.properties?.detail).toBe(full ? "full" : "simplified");
      const from = (full ? detailed : simplified).features.find(
        (f) => f.properties?.code === feature.id,
      );
      expect(feature.geometry).toBe(from?.geometry);
      expect(feature.properties?.name).toBe(from?.properties?.name);
    }
  });

  it("falls back to the province's own boundary when no province set is available", () => {
    const merged = mergeProvinces(null, null, boundary);
    expect(merged.features.map((feature) => feature.properties)).toEqual([
      { code: "01", name: "Thành phố Hà Nội", detail: "full" },
    ]);
  });
});
