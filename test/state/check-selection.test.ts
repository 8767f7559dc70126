import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import {
  featureName,
  findFeature,
  findingBbox,
  findingHighlight,
} from "../../src/state/check-selection";
import { finding } from "./check-finding";
import { layerEntry } from "./layer-fixture";

const point = (lon: number, lat: number) => ({ type: "Point" as const, coordinates: [lon, lat] });

const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      id: "Z-1",
      properties: { zone_name: "Khu Đông Anh" },
      geometry: point(105.9, 21.1),
    },
    { type: "Feature", properties: { id: "Z-2" }, geometry: point(105.7, 21.2) },
    { type: "Feature", properties: {}, geometry: point(105.6, 21.3) },
  ],
};
const rice: FeatureCollection = {
  type: "FeatureCollection",
  features: [{ type: "Feature", id: "LUC-1", properties: {}, geometry: point(105.5, 21) }],
};

describe("findFeature", () => {
  it("finds a feature by GeoJSON id, else properties.id, else index, as the engine names it", () => {
    expect(findFeature(zones, "Z-1")).toBe(zones.features[0]);
    expect(findFeature(zones, "Z-2")).toBe(zones.features[1]);
    expect(findFeature(zones, "2")).toBe(zones.features[2]);
    expect(findFeature(zones, "Z-9")).toBeNull();
  });
});

describe("findingHighlight", () => {
  it("looks up both features of a pair", () => {
    const h = findingHighlight(finding(), { zones, rice });
    expect(h.subject).toBe(zones.features[0]);
    expect(h.constraint).toBe(rice.features[0]);
    expect(h.conflict).toEqual(finding().geometry);
    expect(h.severity).toBe("error");
  });

  it("has no constraint feature when the constraint is a whole layer, or its layer is missing", () => {
    const within = finding({ constraint: { layer: "rice", featureId: null } });
    expect(findingHighlight(within, { zones, rice }).constraint).toBeNull();
    expect(findingHighlight(finding(), { zones }).constraint).toBeNull();
  });
});

describe("findingBbox", () => {
  const districtBbox = (code: string) =>
    code === "017" ? ([105.7, 21.0, 106.0, 21.2] as [number, number, number, number]) : undefined;
  const city: [number, number, number, number] = [105.28, 20.56, 106.03, 21.39];

  it("frames the conflicting part together with the subject feature", () => {
    const f = finding();
    expect(findingBbox(f, findingHighlight(f, { zones, rice }), districtBbox, city)).toEqual([
      105.8, 21, 105.9, 21.1,
    ]);
  });

  it("falls back to the quota's district, then to the whole city", () => {
    const quota = finding({
      geometry: null,
      subject: { layer: "zones", featureId: null },
      districts: [],
      group: { scope: "district", district: "017" },
    });
    const h = findingHighlight(quota, { zones });
    expect(findingBbox(quota, h, districtBbox, city)).toEqual([105.7, 21.0, 106.0, 21.2]);
    const cityQuota = { ...quota, group: { scope: "city" as const, district: null } };
    expect(findingBbox(cityQuota, h, districtBbox, city)).toEqual(city);
  });
});

describe("featureName", () => {
  it("reads the catalogue's name attribute", () => {
    const entry = layerEntry({ nameAttribute: "zone_name" });
    expect(featureName(entry, zones.features[0] ?? null)).toBe("Khu Đông Anh");
    expect(featureName(entry, zones.features[1] ?? null)).toBeNull();
    expect(featureName(layerEntry(), zones.features[0] ?? null)).toBeNull();
  });
});
