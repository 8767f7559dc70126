import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { convertDvhcvn } from "../../../src/core/admin/convert-dvhcvn";
import { validateFeatureCollection } from "../../../src/core/validate/validate-feature-collection";
import { readAdminFixture, readSharedJson } from "./shared-data";

describe("convertDvhcvn", () => {
  it("converts the official Hà Nội source to the 30 districts of hanoi-districts.geojson", () => {
    const source = readSharedJson("source/dvhcvn-gis-01.json");
    const reference = readSharedJson("hanoi-districts.geojson") as FeatureCollection;
    const { boundaries, issues } = convertDvhcvn(source, "01.json");
    expect(issues).toEqual([]);
    const districts = boundaries?.districts.features ?? [];
    expect(districts).toHaveLength(30);
    expect(districts.map((feature) => feature.properties)).toEqual(
      reference.features.map((feature) => feature.properties),
    );
    expect(districts.map((feature) => feature.geometry)).toEqual(
      reference.features.map((feature) => feature.geometry),
    );
    expect(districts.map((feature) => feature.id)).toEqual(
      reference.features.map((feature) => feature.properties?.code),
    );
  });

  it("converts the province outline to the feature of hanoi-boundary.geojson", () => {
    const source = readSharedJson("source/dvhcvn-gis-01.json");
    const reference = readSharedJson("hanoi-boundary.geojson") as FeatureCollection;
    const boundary = convertDvhcvn(source, "01.json").boundaries?.boundary.features ?? [];
    expect(boundary).toHaveLength(1);
    expect(boundary[0]?.properties).toEqual(reference.features[0]?.properties);
    expect(boundary[0]?.geometry).toEqual(reference.features[0]?.geometry);
  });

  it("reads units of every type, Polygon or MultiPolygon, into valid GeoJSON", () => {
    const { boundaries, issues } = convertDvhcvn(readAdminFixture("dvhcvn-small.json"), "small");
    expect(issues).toEqual([]);
    expect(boundaries?.districts.features.map((feature) => feature.properties)).toEqual([
      { code: "901", name: "Quận Trung Tâm", type: "Quận", province_code: "99" },
      { code: "902", name: "Huyện Ven Sông", type: "Huyện", province_code: "99" },
      { code: "903", name: "Thị xã Đồi Núi", type: "Thị xã", province_code: "99" },
    ]);
    expect(boundaries?.districts.features[1]?.geometry.type).toBe("Polygon");
    expect(boundaries?.boundary.features[0]?.properties).toEqual({
      code: "99",
      name: "Tỉnh Thử Nghiệm",
    });
    for (const collection of [boundaries?.districts, boundaries?.boundary]) {
      expect(validateFeatureCollection(collection, { file: "small" }).issues).toEqual([]);
    }
  });

  it("names each unit that is not in the format or has no district type", () => {
    const { boundaries, issues } = convertDvhcvn(readAdminFixture("dvhcvn-bad.json"), "bad.json");
    expect(boundaries).toBeNull();
    expect(issues.map((issue) => [issue.code, issue.featureIndex, issue.featureLabel])).toEqual([
      ["not-dvhcvn", 1, 'name "Huyện Không Mã"'],
      ["unknown-district-type", 2, 'level2_id "904"; name "Phường Lạ"'],
    ]);
    expect(issues[0]?.message.en).toContain("level2_id");
  });

  it("refuses a file that is not a dvhcvn GIS file", () => {
    const reference = readSharedJson("hanoi-boundary.geojson");
    const { boundaries, issues } = convertDvhcvn(reference, "hanoi-boundary.geojson");
    expect(boundaries).toBeNull();
    expect(issues.map((issue) => issue.code)).toEqual(["not-dvhcvn"]);
    expect(issues[0]?.message.en).toContain("level1_id");
  });
});
