import { describe, expect, it } from "vitest";
import {
  buildAttributeRows,
  featureName,
  formatAttributeValue,
} from "../../src/state/feature-details";
import { landUseLayer, layerEntry } from "./layer-fixture";

const words = { yes: "Có", no: "Không" };

describe("formatAttributeValue", () => {
  it("formats numbers per language and appends the unit", () => {
    expect(formatAttributeValue(9702.5, "ha", "vi", words)).toBe("9.702,5 ha");
    expect(formatAttributeValue(9702.5, "ha", "en", words)).toBe("9,702.5 ha");
  });

  it("shows booleans as words, objects as JSON and missing values as a dash", () => {
    expect(formatAttributeValue(true, undefined, "vi", words)).toBe("Có");
    expect(formatAttributeValue({ a: 1 }, undefined, "vi", words)).toBe('{"a":1}');
    expect(formatAttributeValue(null, "m", "vi", words)).toBe("—");
    expect(formatAttributeValue("", "m", "vi", words)).toBe("—");
  });

  it("keeps markup as plain text", () => {
    expect(formatAttributeValue("<img src=x onerror=alert(1)>", undefined, "vi", words)).toBe(
      "<img src=x onerror=alert(1)>",
    );
  });
});

describe("buildAttributeRows", () => {
  it("lists the catalogue's attributes in order with labels, units and category words", () => {
    const rows = buildAttributeRows(
      landUseLayer(),
      { land_use_code: "RDD", area_ha: 9702, protected: false, extra: "ignored" },
      "vi",
      words,
    );
    expect(rows).toEqual([
      { key: "land_use_code", label: "Mã đất", value: "Rừng đặc dụng (RDD)" },
      { key: "area_ha", label: "Diện tích", value: "9.702 ha" },
      { key: "protected", label: "Bảo vệ", value: "Không" },
    ]);
  });

  it("adds the raw code when the category words lack it, and falls back to the raw value", () => {
    const rows = buildAttributeRows(landUseLayer(), { land_use_code: "LUC" }, "en", words);
    expect(rows[0]).toEqual({
      key: "land_use_code",
      label: "Land-use code",
      value: "Wet rice (LUC)",
    });
    const unknown = buildAttributeRows(landUseLayer(), { land_use_code: "XYZ" }, "en", words);
    expect(unknown[0]?.value).toBe("XYZ");
    expect(unknown[1]?.value).toBe("—");
  });

  it("shows the feature's own properties when the catalogue lists none", () => {
    const rows = buildAttributeRows(layerEntry({ attributes: [] }), { lanes: 8 }, "en", words);
    expect(rows).toEqual([{ key: "lanes", label: "lanes", value: "8" }]);
  });
});

describe("featureName", () => {
  it("reads the name attribute, or null", () => {
    expect(featureName(landUseLayer(), { name: "Vườn quốc gia Ba Vì" })).toBe(
      "Vườn quốc gia Ba Vì",
    );
    expect(featureName(landUseLayer(), { name: "" })).toBeNull();
    expect(featureName(layerEntry(), { name: "x" })).toBeNull();
  });
});
