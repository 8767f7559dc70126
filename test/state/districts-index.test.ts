import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { initI18n } from "../../src/i18n/index";
import { districtTypeKey, districtTypeText } from "../../src/state/district-type";
import { parseDistrictsIndex } from "../../src/state/districts-index";

const hoanKiem = {
  code: "002",
  name: "Quận Hoàn Kiếm",
  type: "Quận",
  areaKm2: 5.29,
  bbox: [105.84, 21.01, 105.86, 21.04],
  center: [105.85, 21.03],
};

describe("parseDistrictsIndex", () => {
  it("reads the data step's index", () => {
    const parsed = parseDistrictsIndex({ generatedAt: "2025-01-01", districts: [hoanKiem] });
    expect(parsed).toEqual({ districts: [hoanKiem] });
  });

  it("names the first bad field", () => {
    const bad = { districts: [hoanKiem, { ...hoanKiem, bbox: [105.84, 21.01] }] };
    expect(parseDistrictsIndex(bad)).toEqual({
      error: expect.stringMatching(/^districts\.1\.bbox/),
    });
    expect(parseDistrictsIndex(null)).toEqual({ error: expect.stringMatching(/^\(root\)/) });
  });
});

describe("districtTypeKey", () => {
  it("maps the three unit types and nothing else", () => {
    expect(districtTypeKey("Quận")).toBe("urban");
    expect(districtTypeKey("Huyện")).toBe("rural");
    expect(districtTypeKey("Thị xã")).toBe("town");
    expect(districtTypeKey("Phường")).toBeNull();
  });
});

describe("districtTypeText", () => {
  it("words a known unit type in the UI language and shows an unknown one as written", () => {
    initI18n("vi");
    const en = i18next.getFixedT("en");
    expect(districtTypeText("Huyện", en)).toBe("Rural district (huyện)");
    expect(districtTypeText(" Thị xã ", i18next.getFixedT("vi"))).toBe("Thị xã");
    expect(districtTypeText("Phường", en)).toBe("Phường");
  });
});
