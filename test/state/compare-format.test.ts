import { describe, expect, it } from "vitest";
import {
  comparisonFileName,
  formatSignedHectares,
  landUseName,
} from "../../src/state/compare-format";

describe("landUseName", () => {
  it("names official codes in the language, nothing for others", () => {
    expect(landUseName("ODT", "vi")).toBeTruthy();
    expect(landUseName("ODT", "en")).not.toBe(landUseName("ODT", "vi"));
    expect(landUseName("XYZ", "vi")).toBeNull();
    expect(landUseName(null, "en")).toBeNull();
  });

  it("never reaches the prototype with a code from a file", () => {
    for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(landUseName(code, "vi"), code).toBeNull();
    }
  });
});

describe("formatSignedHectares", () => {
  it("signs a change, Vietnamese and English style, and shows no sign on nothing", () => {
    expect(formatSignedHectares(312, "vi")).toBe("+312,00 ha");
    expect(formatSignedHectares(-1280.456, "vi")).toBe("−1.280,46 ha");
    expect(formatSignedHectares(-1280.456, "en")).toBe("−1,280.46 ha");
    expect(formatSignedHectares(-0.001, "vi")).toBe("0,00 ha");
  });
});

describe("comparisonFileName", () => {
  it("names the export after the proposal's file, without folder or extension", () => {
    expect(comparisonFileName("de-xuat.geojson", "csv")).toBe("de-xuat.so-sanh.csv");
    expect(comparisonFileName("C:\\ban ve\\Quy hoạch.v2.zip", "geojson")).toBe(
      "Quy hoạch.v2.so-sanh.geojson",
    );
    expect(comparisonFileName("a/b/ranh-gioi.shp", "csv")).toBe("ranh-gioi.so-sanh.csv");
  });

  it("leaves out characters a file name cannot hold or that hide text", () => {
    expect(comparisonFileName('x<>:"|?*\u0007\u202ey.kml', "csv")).toBe("xy.so-sanh.csv");
    expect(comparisonFileName(".geojson", "csv")).toBe("phuong-an.so-sanh.csv");
    expect(comparisonFileName("", "geojson")).toBe("phuong-an.so-sanh.geojson");
  });
});
