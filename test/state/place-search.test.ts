import type { Feature, FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import type { DistrictInfo } from "../../src/state/districts-index";
import { searchPlaces, zoneIndex } from "../../src/state/place-search";

const district = (code: string, name: string): DistrictInfo => ({
  code,
  name,
  type: "urban",
  areaKm2: 1,
  bbox: [105.8, 21, 105.9, 21.1],
  center: [105.85, 21.05],
});
const DISTRICTS = [district("002", "Quận Hoàn Kiếm"), district("271", "Huyện Ba Vì")];

const square = (x: number, y: number) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y],
    ],
  ],
});
const ZONES: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      geometry: square(105.85, 21.02),
      properties: {
        id: "CP-002-0001",
        zone_name: "Đô thị trung tâm",
        district_name: "Quận Hoàn Kiếm",
      },
    },
    {
      type: "Feature",
      geometry: square(105.4, 21.1),
      properties: {
        id: "CP-271-0012",
        zone_name: "Vùng nông nghiệp, nông thôn",
        district_name: "Huyện Ba Vì",
      },
    },
    { type: "Feature", geometry: square(105, 21), properties: { zone_name: "no id" } },
    { type: "Feature", geometry: null, properties: { id: "CP-000-0000" } } as unknown as Feature,
  ],
};

describe("zoneIndex", () => {
  it("lists the zones with an id and a geometry, named by the layer's name attribute", () => {
    const zones = zoneIndex("city-plan-zones", ZONES, "zone_name");
    expect(zones.map((z) => [z.id, z.name, z.index])).toEqual([
      ["CP-002-0001", "Đô thị trung tâm", 0],
      ["CP-271-0012", "Vùng nông nghiệp, nông thôn", 1],
    ]);
    expect(zones[0]?.bbox).toEqual([105.85, 21.02, 105.86, 21.03]);
    expect(zones[0]?.districtName).toBe("Quận Hoàn Kiếm");
  });
});

describe("searchPlaces", () => {
  const zones = zoneIndex("city-plan-zones", ZONES, "zone_name");
  const kinds = (query: string) =>
    searchPlaces(query, DISTRICTS, zones).results.map((r) =>
      r.kind === "district" ? r.district.code : r.kind === "zone" ? r.zone.id : r.kind,
    );

  it("finds districts without diacritics, as before", () => {
    expect(kinds("hoan kiem")).toEqual(["002"]);
    expect(kinds("ba vi")).toEqual(["271"]);
  });

  it("finds zones by id, whole or started, case and dashes aside", () => {
    expect(kinds("CP-271-0012")).toEqual(["CP-271-0012"]);
    expect(kinds("cp 002")).toEqual(["CP-002-0001"]);
    expect(kinds("cp")).toEqual(["CP-002-0001", "CP-271-0012"]);
  });

  it("finds zones by name without diacritics", () => {
    expect(kinds("nong nghiep")).toEqual(["CP-271-0012"]);
    expect(kinds("do thi trung tam")).toEqual(["CP-002-0001"]);
  });

  it("reads coordinates as one point: lat/lon and VN-2000 metres", () => {
    const [latLon] = searchPlaces("21.0287, 105.8522", DISTRICTS, zones).results;
    expect(latLon).toMatchObject({ kind: "point", lat: 21.0287, lon: 105.8522 });
    const [metres] = searchPlaces("2326366.34 588383.93", DISTRICTS, zones).results;
    expect(metres?.kind).toBe("point");
    if (metres?.kind !== "point") return;
    expect(metres.query.kind).toBe("vn2000");
    expect(metres.lat).toBeCloseTo(21.0287, 6);
    expect(metres.lon).toBeCloseTo(105.8522, 6);
  });

  it("says metres outside Hà Nội were not taken, with no results", () => {
    expect(searchPlaces("1326366 588383", DISTRICTS, zones)).toEqual({
      results: [],
      outOfRange: true,
    });
  });

  it("keeps to the limit and finds nothing for an empty query", () => {
    expect(searchPlaces("cp", DISTRICTS, zones, 1).results).toHaveLength(1);
    expect(searchPlaces("  ", DISTRICTS, zones).results).toEqual([]);
  });
});
