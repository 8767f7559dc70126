import { describe, expect, it } from "vitest";
import { LAND_USE_CODES } from "../../../src/core/plan/land-use-codes";
import {
  isOfficialLandUseCode,
  OFFICIAL_CODES,
} from "../../../src/core/plan/official-land-use-codes";

describe("official land-use codes", () => {
  it("hold every code the legends colour, and the codes the domain brief names", () => {
    for (const code of Object.keys(LAND_USE_CODES)) expect(isOfficialLandUseCode(code)).toBe(true);
    // brief §5: national plan codes, lower-level additions, zones
    for (const code of [
      "NNP",
      "RSN",
      "PNN",
      "CAN",
      "DHT",
      "DNL",
      "DRA",
      "CSD",
      "KCN",
      "KKT",
      "KDT",
    ])
      expect(isOfficialLandUseCode(code)).toBe(true);
    for (const code of ["SKN", "SKS", "TON", "NTD", "DKV", "DCH", "DSH"])
      expect(isOfficialLandUseCode(code)).toBe(true);
  });

  it("are three capital letters, and nothing else passes", () => {
    expect(OFFICIAL_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    for (const value of ["odt", "ODT ", "XYZ", "constructor", "__proto__", ""])
      expect(isOfficialLandUseCode(value)).toBe(false);
  });
});
