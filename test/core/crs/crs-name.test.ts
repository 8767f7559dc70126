import { describe, expect, it } from "vitest";
import { epsgCodeFromCrsName, parseCrsChoice } from "../../../src/core/crs/crs-name";
import { userCrsDecision } from "../../../src/core/crs/decide-crs";

describe("epsgCodeFromCrsName (a legacy GeoJSON crs name, an SRS organisation code)", () => {
  it.each([
    ["EPSG:5897", 5897],
    ["epsg:4326", 4326],
    ["urn:ogc:def:crs:EPSG::5897", 5897],
    ["urn:ogc:def:crs:EPSG:6.18:3405", 3405],
    ["http://www.opengis.net/def/crs/EPSG/0/32648", 32648],
    ["urn:ogc:def:crs:OGC:1.3:CRS84", 4326],
    ["urn:ogc:def:crs:OGC::CRS84", 4326],
    ["http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326],
    ["CRS84", 4326],
    [" EPSG:9209 ", 9209],
  ])("%s → %i", (name, code) => {
    expect(epsgCodeFromCrsName(name)).toBe(code);
  });

  it.each([
    "",
    "WGS84",
    "EPSG:",
    "EPSG:abc",
    "urn:ogc:def:crs:EPSG::-5",
    "ESRI:102100",
    "x".repeat(500),
  ])("%j → null", (name) => {
    expect(epsgCodeFromCrsName(name)).toBeNull();
  });
});

describe("parseCrsChoice (the CLI's --crs)", () => {
  it.each([
    ["EPSG:5897", { id: "EPSG:5897", axis: "xy" }],
    ["5897", { id: "EPSG:5897", axis: "xy" }],
    ["EPSG:5897+yx", { id: "EPSG:5897", axis: "yx" }],
    ["epsg:5897 + YX", { id: "EPSG:5897", axis: "yx" }],
    ["urn:ogc:def:crs:EPSG::3405", { id: "EPSG:3405", axis: "xy" }],
    ["CRS84", { id: "EPSG:4326", axis: "xy" }],
    ["EPSG:4326+yx", { id: "EPSG:4326", axis: "yx" }],
  ])("%s", (text, choice) => {
    expect(parseCrsChoice(text)).toEqual({ ok: true, choice });
  });

  it("names the known CRSs and suggests the closest for a slip", () => {
    const result = parseCrsChoice("EPSG:5898");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.vi).toMatch(
      /^hệ toạ độ "EPSG:5898" không dùng được \(có phải "EPSG:5897"\?\); hãy dùng một trong: EPSG:5897 “VN-2000 \/ TM-3 múi 3° kinh tuyến trục 105° \(Hà Nội\)”; EPSG:4326/,
    );
    expect(result.error.en).toMatch(
      /^CRS "EPSG:5898" is not one this tool can convert \(did you mean "EPSG:5897"\?\); use one of: EPSG:5897 “VN-2000/,
    );
    expect(result.error.en).toContain(
      'add "+yx" when positions are written northing (X) before easting (Y)',
    );
    for (const id of ["EPSG:9208", "EPSG:9211", "EPSG:3406", "EPSG:32649", "EPSG:4756"]) {
      expect(result.error.en).toContain(id);
    }
  });

  it("does not 'correct' a different CRS to one of ours", () => {
    const result = parseCrsChoice("EPSG:3857");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.en).not.toContain("did you mean");
  });

  it("quotes what the user typed safely", () => {
    const result = parseCrsChoice('bad"\n\u202eEPSG');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.en).toMatch(/^CRS "bad\\"\\n\\u202eEPSG" is not/);
  });
});

describe("userCrsDecision (the --crs override)", () => {
  it("makes the parsed choice the decision, saying the user chose it", () => {
    const parsed = parseCrsChoice("EPSG:5897+yx");
    if (!parsed.ok) throw new Error("EPSG:5897+yx must parse");
    expect(userCrsDecision(parsed.choice)).toEqual({
      choice: { id: "EPSG:5897", axis: "yx" },
      confidence: "declared",
      reason: {
        vi: "Người dùng chọn EPSG:5897 “VN-2000 / TM-3 múi 3° kinh tuyến trục 105° (Hà Nội)”, bắc (X) trước đông (Y).",
        en: "Chosen by the user: EPSG:5897 “VN-2000 / TM-3 3° zone, central meridian 105° (Hà Nội)”, northing (X) before easting (Y).",
      },
      alternatives: expect.arrayContaining([{ id: "EPSG:3405", axis: "yx" }]),
    });
  });
});
