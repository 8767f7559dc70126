import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { readBoundary, readDistricts } from "../../../src/core/admin/read-admin-geojson";
import { readSharedJson } from "./shared-data";

const square: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [105.0, 21.0],
      [105.1, 21.0],
      [105.1, 21.1],
      [105.0, 21.1],
      [105.0, 21.0],
    ],
  ],
};

const collection = (...properties: Record<string, unknown>[]): FeatureCollection => ({
  type: "FeatureCollection",
  features: properties.map((p) => ({ type: "Feature", properties: p, geometry: square })),
});

describe("readDistricts", () => {
  it("reads hanoi-districts.geojson as it is, ids set to the codes", () => {
    const reference = readSharedJson("hanoi-districts.geojson") as FeatureCollection;
    const { value, issues } = readDistricts(reference, "hanoi-districts.geojson", null);
    expect(issues).toEqual([]);
    expect(value?.features.map((feature) => feature.properties)).toEqual(
      reference.features.map((feature) => feature.properties),
    );
    expect(value?.features.map((feature) => feature.id)).toEqual(
      reference.features.map((feature) => feature.properties?.code),
    );
  });

  it("derives a missing type from the name and a missing province code from the boundary", () => {
    const { value } = readDistricts(collection({ code: "269", name: "Thị xã Sơn Tây" }), "d", "01");
    expect(value?.features[0]?.properties).toEqual({
      code: "269",
      name: "Thị xã Sơn Tây",
      type: "Thị xã",
      province_code: "01",
    });
  });

  it("names the features with a numeric code, no type, no province, a repeated code or a point", () => {
    const input = collection(
      { code: 1, name: "Quận Ba Đình" },
      { code: "002", name: "Phường Lạ" },
      { code: "003", name: "Quận Tây Hồ" },
      { code: "004", name: "Quận Long Biên", province_code: "01" },
      { code: "004", name: "Quận Trùng Mã", province_code: "01" },
      { code: "005", name: "Quận Điểm", province_code: "01" },
    );
    const last = input.features[5];
    if (last) last.geometry = { type: "Point", coordinates: [105, 21] };
    const { value, issues } = readDistricts(input, "d.geojson", null);
    expect(value).toBeNull();
    expect(issues.map((issue) => [issue.featureIndex, issue.code])).toEqual([
      [0, "missing-property"],
      [1, "unknown-district-type"],
      [2, "missing-property"],
      [4, "duplicate-code"],
      [5, "wrong-geometry-type"],
    ]);
    expect(issues[3]?.message.en).toBe('code "004" repeats that of feature 4');
  });
});

describe("readBoundary", () => {
  it("reads hanoi-boundary.geojson", () => {
    const reference = readSharedJson("hanoi-boundary.geojson") as FeatureCollection;
    const { value, issues } = readBoundary(reference, "hanoi-boundary.geojson");
    expect(issues).toEqual([]);
    expect(value?.features[0]?.properties).toEqual({ code: "01", name: "Thành phố Hà Nội" });
    expect(value?.features[0]?.id).toBe("01");
  });

  it("wants exactly one feature with a code and a name", () => {
    const two = readBoundary(collection({ code: "01", name: "A" }, { code: "02", name: "B" }), "b");
    expect(two.issues.map((issue) => issue.code)).toEqual(["wrong-feature-count"]);
    const unnamed = readBoundary(collection({ code: "01" }), "b");
    expect(unnamed.issues.map((issue) => issue.code)).toEqual(["missing-property"]);
  });
});
