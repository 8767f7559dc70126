import { Geodesic } from "geographiclib-geodesic";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { buildPlanLayers, PLAN_LAYER_IDS } from "../../../src/core/plan/build-plan-layers";
import { isLandUseCode } from "../../../src/core/plan/land-use-codes";
import { type AreaGeometry, intersectAreas } from "../../../src/core/plan/polygon-clip";
import { readPlanInputs } from "./plan-inputs";

type Area = Feature<Polygon | MultiPolygon>;

const input = readPlanInputs();
let layers: Record<string, FeatureCollection>;
let zones: Area[];
let firstJson: string;

beforeAll(() => {
  layers = buildPlanLayers(input);
  firstJson = JSON.stringify(layers);
  zones = layers["city-plan-zones"]?.features as Area[];
});

function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const ring of polygons.flat()) {
    for (const [x, y] of ring as [number, number][]) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

const boxesMeet = (a: number[], b: number[]) =>
  (a[0] ?? 0) <= (b[2] ?? 0) &&
  (b[0] ?? 0) <= (a[2] ?? 0) &&
  (a[1] ?? 0) <= (b[3] ?? 0) &&
  (b[1] ?? 0) <= (a[3] ?? 0);

/** Area (m²) shared by two features, 0 when apart. */
function sharedArea(a: Feature, b: Feature): number {
  const overlap = intersectAreas(a.geometry as AreaGeometry, b.geometry as AreaGeometry);
  return overlap ? geodesicArea(overlap) : 0;
}

/** Zones with one of `codes` that share more than 1 m² with a feature of `constraint`. */
function conflicts(codes: string[], constraint: Feature[]): { zone: string; with: string }[] {
  const out: { zone: string; with: string }[] = [];
  for (const zone of zones.filter((z) => codes.includes(z.properties?.land_use_code))) {
    for (const feature of constraint) {
      if (sharedArea(zone, feature) > 1) {
        out.push({ zone: zone.properties?.id, with: feature.properties?.id });
      }
    }
  }
  return out;
}

const distance = (a: Position, b: Position) =>
  Geodesic.WGS84.Inverse(a[1] ?? 0, a[0] ?? 0, b[1] ?? 0, b[0] ?? 0).s12 ?? 0;
const layer = (id: string) => layers[id]?.features ?? [];
const authored = (key: string) => input.authored[key]?.features ?? [];

describe("buildPlanLayers on the official districts and the shipped layers", () => {
  it("returns exactly the announced layers, deterministically (byte-identical JSON)", () => {
    expect(Object.keys(layers).sort()).toEqual([...PLAN_LAYER_IDS].sort());
    expect(JSON.stringify(buildPlanLayers(readPlanInputs()))).toBe(firstJson);
  });

  it("makes 400–700 zones with the properties of the data contract", () => {
    expect(zones.length).toBeGreaterThanOrEqual(400);
    expect(zones.length).toBeLessThanOrEqual(700);
    const ids = new Set<string>();
    for (const zone of zones) {
      const p = zone.properties ?? {};
      expect(p.id).toMatch(/^CP-\d{3}-\d{4}$/);
      expect(zone.id).toBe(p.id);
      ids.add(p.id);
      expect(isLandUseCode(p.land_use_code)).toBe(true);
      expect(p.id.slice(3, 6)).toBe(p.district_code);
      expect(typeof p.district_name).toBe("string");
      expect(p.zone_name.length).toBeGreaterThan(0);
      expect(p.plan_period).toBe("2021-2030");
      expect(p.area_ha).toBeCloseTo(geodesicArea(zone) / 10_000, 1);
    }
    expect(ids.size).toBe(zones.length);
  });

  it("covers every district: zone areas add up within 0.5 %, no overlaps over 1 m²", () => {
    for (const district of input.districts.features) {
      const code = district.properties?.code;
      const own = zones.filter((z) => z.properties?.district_code === code);
      expect(own.length, `district ${code}`).toBeGreaterThan(0);
      expect(own.every((z) => z.properties?.district_name === district.properties?.name)).toBe(
        true,
      );
      const total = own.reduce((sum, z) => sum + geodesicArea(z), 0);
      const expected = geodesicArea(district);
      expect(Math.abs(total - expected) / expected, `district ${code}`).toBeLessThan(0.005);
      const boxes = own.map((z) => bboxOf(z.geometry));
      for (let a = 0; a < own.length; a++) {
        for (let b = a + 1; b < own.length; b++) {
          if (!boxesMeet(boxes[a] ?? [], boxes[b] ?? [])) continue;
          const overlap = sharedArea(own[a] as Area, own[b] as Area);
          expect(overlap, `${own[a]?.properties?.id} × ${own[b]?.properties?.id}`).toBeLessThan(1);
        }
      }
    }
  });

  it("plans a city: dense mixed core, industrial parks, rice land, forest, river space", () => {
    const count = (code: string) =>
      zones.filter((z) => z.properties?.land_use_code === code).length;
    for (const code of ["ODT", "ONT", "TMD", "SKK", "LUC", "LUA", "RDD", "SON", "CLN"]) {
      expect(count(code), code).toBeGreaterThan(0);
    }
    const hoanKiem = zones.filter((z) => z.properties?.district_code === "002");
    const ungHoa = zones.filter((z) => z.properties?.district_code === "281");
    const meanHa = (list: Area[]) =>
      list.reduce((s, z) => s + z.properties?.area_ha, 0) / list.length;
    expect(meanHa(hoanKiem)).toBeLessThan(meanHa(ungHoa) / 5);
    const hoaLac = zones.find((z) => z.properties?.zone_name === "Khu công nghệ cao Hòa Lạc");
    // 1,586 ha park: its cell is sized to the park (clipped by the district boundary).
    expect(hoaLac?.properties?.land_use_code).toBe("SKK");
    expect(hoaLac?.properties?.area_ha).toBeGreaterThan(1000);
    expect(hoaLac?.properties?.area_ha).toBeLessThan(2200);
  });

  it("plants an industrial zone (SKK) on national protected rice land (LUC)", () => {
    const found = conflicts(["SKK"], authored("national/protected-rice-land.geojson"));
    expect(found.map((c) => c.with)).toEqual(expect.arrayContaining(["LUC-07", "LUC-08"]));
  });

  it("plants urban land (ODT) in the Red River flood-drainage corridor", () => {
    const found = conflicts(["ODT"], layer("flood-corridor"));
    expect(found.length).toBeGreaterThan(0);
    const planted = zones.find((z) => z.properties?.zone_name === "Khu đô thị ven sông Bồ Đề");
    expect(found.map((c) => c.zone)).toContain(planted?.properties?.id);
  });

  it("plants housing (ODT/ONT) in the Ring Road 4 and high-speed rail corridors", () => {
    expect(conflicts(["ODT", "ONT"], layer("ring-road-corridors")).map((c) => c.with)).toContain(
      "VD4",
    );
    expect(conflicts(["ODT", "ONT"], layer("high-speed-rail-corridor")).length).toBeGreaterThan(0);
  });

  it("plants an urban zone inside the Ba Vì special-use forest (RDD)", () => {
    const forest = authored("national/forest-and-relics.geojson").filter(
      (f) => f.properties?.id === "RDD-BAVI",
    );
    expect(conflicts(["ODT"], forest).length).toBeGreaterThan(0);
  });

  it("has zones within 25 m of a dyke (inside the dyke protection zone)", () => {
    expect(layer("dyke-lines")).toHaveLength(2);
    expect(conflicts(["ODT", "ONT"], layer("dyke-protection-zone")).length).toBeGreaterThan(0);
  });

  it("buffers every line with a width into a corridor of about length × width", () => {
    const rr4 = layer("ring-road-corridors").find((f) => f.properties?.id === "VD4");
    const line = authored("sector/ring-roads.geojson").find((f) => f.properties?.id === "VD4");
    if (!rr4 || line?.geometry.type !== "LineString") throw new Error("Ring Road 4 missing");
    expect(rr4.properties?.width_m).toBe(120);
    const coordinates = line.geometry.coordinates;
    const lengthM = coordinates
      .slice(1)
      .reduce((sum, p, i) => sum + distance(coordinates[i] as Position, p), 0);
    expect(rr4.properties?.area_ha / ((lengthM * 120) / 10_000)).toBeCloseTo(1, 2);
    expect(layer("power-corridors")).toHaveLength(authored("sector/power-lines.geojson").length);
    expect(layer("regional-corridors")).toHaveLength(
      authored("regional/development-corridors.geojson").length,
    );
  });

  it("fails with a message naming the file when an input is missing or broken", () => {
    expect(() => buildPlanLayers({ ...input, structure: null })).toThrow(
      /layers\/city-plan\/structure\.json: file is missing/,
    );
    const { "sector/ring-roads.geojson": _, ...withoutRoads } = input.authored;
    expect(() => buildPlanLayers({ ...input, authored: withoutRoads })).toThrow(
      /layers\/sector\/ring-roads\.geojson: file is missing/,
    );
    const road = authored("sector/ring-roads.geojson")[0] as Feature;
    const noWidth = { ...road, properties: { ...road.properties, width_m: "wide" } };
    expect(() =>
      buildPlanLayers({
        ...input,
        authored: {
          ...input.authored,
          "sector/ring-roads.geojson": { type: "FeatureCollection", features: [noWidth] },
        },
      }),
    ).toThrow(
      /layers\/sector\/ring-roads\.geojson, đối tượng \/ feature 1 \(features\[0\]; id "VD4"\): "width_m"/,
    );
  });
});
