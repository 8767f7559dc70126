import { describe, expect, it } from "vitest";
import {
  CITY_KEY,
  districtKey,
  districtKeyNames,
  groupFindings,
  NO_DISTRICT_KEY,
  totalsOf,
} from "../../src/state/check-groups";
import { finding } from "./check-finding";

const names: Record<string, string> = {
  "001": "Quận Ba Đình",
  "002": "Quận Hoàn Kiếm",
  "271": "Huyện Ba Vì",
};
const context = {
  ruleOrder: ["rice", "forest", "quota"],
  districtName: (code: string) => names[code] ?? code,
};

const findings = [
  finding({ id: "a", rule: "forest", districts: ["271"], areaSquareMeters: 5_000 }),
  finding({ id: "b", rule: "rice", districts: ["002"], areaSquareMeters: 1_000 }),
  finding({
    id: "c",
    rule: "rice",
    severity: "warning",
    districts: ["002"],
    areaSquareMeters: 9_000,
  }),
  finding({ id: "d", rule: "rice", districts: ["001", "002"], areaSquareMeters: 2_000 }),
  finding({
    id: "e",
    rule: "quota",
    severity: "warning",
    districts: [],
    group: { scope: "city", district: null },
    geometry: null,
    areaSquareMeters: null,
    shareOfSubject: null,
  }),
  finding({ id: "f", rule: "rice", status: "not-computed", reason: "overlay failed" }),
];

describe("districtKey", () => {
  it("names the districts a finding lies in, a quota's district, the city, or none", () => {
    expect(districtKey(finding({ districts: ["001", "002"] }))).toBe("001+002");
    expect(
      districtKey(finding({ districts: [], group: { scope: "district", district: "271" } })),
    ).toBe("271");
    expect(districtKey(finding({ districts: [], group: { scope: "city", district: null } }))).toBe(
      CITY_KEY,
    );
    expect(districtKey(finding({ districts: [] }))).toBe(NO_DISTRICT_KEY);
  });
});

describe("districtKeyNames", () => {
  it("names each district of a key in order, keeping unknown codes", () => {
    expect(districtKeyNames("001+002", context.districtName)).toBe("Quận Ba Đình, Quận Hoàn Kiếm");
    expect(districtKeyNames("999", context.districtName)).toBe("999");
  });
});

describe("totalsOf", () => {
  it("counts by severity and status and adds the areas (no area counts 0)", () => {
    expect(totalsOf(findings)).toEqual({
      count: 6,
      errors: 4,
      warnings: 2,
      notComputed: 1,
      measured: 5,
      areaSquareMeters: 5_000 + 1_000 + 9_000 + 2_000 + 20_000,
    });
  });
});

describe("groupFindings", () => {
  it("groups by rule in the rules file's order, then by district", () => {
    const groups = groupFindings(findings, "rule", context);
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["rice", 4],
      ["forest", 1],
      ["quota", 1],
    ]);
    const rice = groups[0];
    expect(rice?.children.map((c) => [c.by, c.key, c.count])).toEqual([
      ["district", "001", 1],
      ["district", "001+002", 1],
      ["district", "002", 2],
    ]);
    // Errors first, then the larger area.
    expect(rice?.children[2]?.findings.map((f) => f.id)).toEqual(["b", "c"]);
  });

  it("groups by district name, the city and unknown places last, then by rule", () => {
    const groups = groupFindings(findings, "district", context);
    expect(groups.map((g) => g.key)).toEqual(["271", "001", "001+002", "002", CITY_KEY]);
    expect(groups[3]?.children.map((c) => [c.by, c.key])).toEqual([["rule", "rice"]]);
  });

  it("groups by severity, errors first, then by rule", () => {
    const groups = groupFindings(findings, "severity", context);
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["error", 4],
      ["warning", 2],
    ]);
    expect(groups[1]?.children.map((c) => c.key)).toEqual(["rice", "quota"]);
  });

  it("puts every finding in exactly one group per level, so totals add up", () => {
    for (const by of ["rule", "district", "severity"] as const) {
      const groups = groupFindings(findings, by, context);
      const ids = groups.flatMap((g) => g.children.flatMap((c) => c.findings.map((f) => f.id)));
      expect(ids.sort()).toEqual(findings.map((f) => f.id).sort());
      expect(groups.reduce((sum, g) => sum + g.areaSquareMeters, 0)).toBe(
        totalsOf(findings).areaSquareMeters,
      );
      for (const g of groups) {
        expect(g.children.reduce((sum, c) => sum + c.count, 0)).toBe(g.count);
      }
    }
  });

  it("gives nothing for no findings", () => {
    expect(groupFindings([], "rule", context)).toEqual([]);
  });
});
