import { bboxPolygon } from "@turf/turf";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import { parseRules, type Rule } from "../../src/core/catalog/rules-schema";
import { type CheckResult, runChecks } from "../../src/core/check/index";
import type { CheckData } from "../../src/worker/check-protocol";
import { layerEntry } from "../state/layer-fixture";

/** A square of `size` degrees with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size: number): Polygon =>
  bboxPolygon([lon, lat, lon + size, lat + size]).geometry;

const zone = (i: number, code: string, district: string): Feature => ({
  type: "Feature",
  id: `Z-${i}`,
  properties: { zone_name: `Khu ${i}`, land_use_code: code, district_code: district },
  geometry: square(105.8 + (i % 4) * 0.01, 21 + Math.floor(i / 4) * 0.01, 0.01),
});

/**
 * Twelve city zones on a 4 × 3 grid of 0.01° squares (two districts, industrial and rice codes) and
 * two national rice blocks, each covering parts of several zones: enough units for two partitions,
 * overlaps, and a quota summed across partitions.
 */
export function checkFixture(): { data: CheckData<FeatureCollection>; rules: Rule[] } {
  const zones: FeatureCollection = {
    type: "FeatureCollection",
    features: Array.from({ length: 12 }, (_, i) =>
      zone(i, i % 3 === 0 ? "SKK" : "LUC", i < 6 ? "001" : "002"),
    ),
  };
  const rice: FeatureCollection = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", id: "LUC-1", properties: {}, geometry: square(105.805, 21.005, 0.02) },
      { type: "Feature", id: "LUC-2", properties: {}, geometry: square(105.825, 21.015, 0.01) },
    ],
  };
  const districts: FeatureCollection = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { code: "001" }, geometry: square(105.79, 20.99, 0.06) },
    ],
  };
  const { rules, problems } = parseRules({
    version: 1,
    rules: [
      {
        id: "industry-on-rice",
        title: { vi: "Công nghiệp trên đất lúa", en: "Industry on rice land" },
        description: { vi: "Thử", en: "Test" },
        severity: "error",
        type: "no-overlap",
        subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["SKK"] } },
        constraint: { layer: "rice" },
      },
      {
        id: "rice-minimum",
        title: { vi: "Chỉ tiêu đất lúa", en: "Rice quota" },
        description: { vi: "Thử", en: "Test" },
        severity: "warning",
        type: "quota",
        subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["LUC"] } },
        constraint: { layer: "rice" },
        targets: [{ scope: "city", minHectares: 100_000 }],
        illustrative: true,
      },
    ],
  });
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return {
    data: {
      layers: { zones, rice },
      catalog: [
        layerEntry({ id: "zones", level: "city", geometryType: "polygon" }),
        layerEntry({ id: "rice", level: "national", geometryType: "polygon" }),
      ],
      districts,
    },
    rules,
  };
}

/** What the engine finds over `data` on one thread, in one call: what the workers must match. */
export function singleThreadResult(data: CheckData<FeatureCollection>, rules: Rule[]): CheckResult {
  return runChecks({ ...data, districts: data.districts ?? undefined, rules });
}
