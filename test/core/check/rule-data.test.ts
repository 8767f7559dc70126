import { bboxPolygon } from "@turf/turf";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { type Rule, rule as ruleSchema } from "../../../src/core/catalog/rules-schema";
import { runChecks } from "../../../src/core/check/run-checks";
import type { CheckInput, CheckResult } from "../../../src/core/check/types";
import { layerEntry } from "./fixture-input";

/*
 * Data against rules: what used to match nothing and pass without a word now reads as the rule
 * means it (with a warning) or stops the rule (an error problem).
 */

const text = { vi: "Kiểm tra", en: "Check" };
const square = (x: number, y: number, size = 0.01): Polygon =>
  bboxPolygon([x, y, x + size, y + size]).geometry;
const feature = (id: string, geometry: Polygon, properties: Record<string, unknown>): Feature => ({
  type: "Feature",
  id,
  geometry,
  properties,
});
const fc = (...features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });

/** Three zones: Z1 and Z3 on the rice square R1 (Z1 at 105.80, Z3 at 105.82), Z2 beside. */
function zones(codes: [unknown, unknown, unknown]): FeatureCollection {
  const props = (code: unknown, district: string) =>
    code === undefined
      ? { district_code: district }
      : { land_use_code: code, district_code: district };
  return fc(
    feature("Z1", square(105.8, 21), props(codes[0], "001")),
    feature("Z2", square(105.81, 21), props(codes[1], "001")),
    feature("Z3", square(105.82, 21), props(codes[2], "002")),
  );
}
const rice = fc(feature("R1", square(105.8, 21, 0.03), { land_use_code: "LUC", name: "Vùng lúa" }));

/** The features a problem about Z1 and Z3 names. */
const z1AndZ3 = {
  total: 3,
  count: 2,
  first: [
    { index: 0, id: "Z1" },
    { index: 2, id: "Z3" },
  ],
};

const parse = (raw: unknown): Rule => ruleSchema.parse(raw);
const base = { title: text, description: text, severity: "error" };
const noHousingOnRice = parse({
  ...base,
  id: "no-housing-on-rice",
  type: "no-overlap",
  subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT"] } },
  constraint: { layer: "rice", filter: { attribute: "land_use_code", in: ["LUC"] } },
});
const compat = (matrix: unknown, constraintAttribute = "land_use_code") =>
  parse({
    ...base,
    id: "compat",
    type: "compatibility",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
    subjectAttribute: "land_use_code",
    constraintAttribute,
    matrix,
  });
const quota = (targets: unknown[], districtSource?: unknown) =>
  parse({
    ...base,
    id: "quota",
    type: "quota",
    illustrative: true,
    subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT"] } },
    ...(districtSource ? { districtSource } : {}),
    targets,
  });

function run(rules: Rule[], zoneLayer: FeatureCollection, extra: Partial<CheckInput> = {}) {
  return runChecks({
    layers: { zones: zoneLayer, rice },
    rules,
    catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
    ...extra,
  });
}
const pairs = (result: CheckResult) =>
  result.findings.map((f) => [f.rule, f.subject.featureId, f.constraint?.featureId, f.severity]);

describe("land-use codes written loosely", () => {
  const clean = run(
    [noHousingOnRice, compat({ ODT: { LUC: "forbidden" } })],
    zones(["ODT", "LUA", "ODT"]),
  );

  it("the clean layer finds Z1 and Z3 on rice land, without problems", () => {
    expect(clean.problems).toEqual([]);
    expect(pairs(clean)).toEqual([
      ["no-housing-on-rice", "Z1", "R1", "error"],
      ["no-housing-on-rice", "Z3", "R1", "error"],
      ["compat", "Z1", "R1", "error"],
      ["compat", "Z3", "R1", "error"],
    ]);
  });

  for (const loose of ["ODT ", "odt", " Odt\t"]) {
    it(`reads ${JSON.stringify(loose)} as ODT, with a warning naming the features`, () => {
      const result = run(
        [noHousingOnRice, compat({ ODT: { LUC: "forbidden" } })],
        zones([loose, "LUA", loose]),
      );
      // before: both rules matched nothing, 0 findings and no word
      expect(pairs(result)).toEqual(pairs(clean));
      expect(result.findings.find((f) => f.rule === "compat")?.measures.subjectValue).toBe("ODT");
      expect(result.problems).toEqual([
        {
          rule: null,
          severity: "warning",
          layer: "zones",
          features: z1AndZ3,
          message: {
            vi: expect.stringContaining(
              `2 đối tượng ghi ${JSON.stringify(loose)}, được đọc là mã "ODT"`,
            ),
            en: expect.stringContaining(
              `2 feature(s) hold ${JSON.stringify(loose)}, read as the code "ODT"`,
            ),
          },
        },
      ]);
      expect(result.problems[0]?.message.en).toContain('rules "no-housing-on-rice", "compat"');
    });
  }

  it("a missing or empty code stops every rule reading the attribute, naming the features", () => {
    const result = run(
      [noHousingOnRice, compat({ ODT: { LUC: "forbidden" } })],
      zones([undefined, "LUA", "  "]),
    );
    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual([]);
    expect(result.problems).toEqual([
      {
        rule: null,
        severity: "error",
        layer: "zones",
        features: z1AndZ3,
        message: {
          vi: 'Lớp "zones": 2 đối tượng không có giá trị "land_use_code", cần một mã loại đất (Thông tư 01/2021/TT-BTNMT); bỏ qua quy tắc "no-housing-on-rice", "compat"',
          en: 'layer "zones": 2 feature(s) have no "land_use_code" value; each needs a land-use code (Circular 01/2021/TT-BTNMT); rules "no-housing-on-rice", "compat" skipped',
        },
      },
    ]);
  });

  it("a value that is no code is an error per value, with the code it may stand for", () => {
    const result = run([noHousingOnRice], zones(["0DT", "LUA", 7]));
    expect(result.findings).toEqual([]);
    expect(result.problems.map((p) => [p.severity, p.features?.first.map((f) => f.id)])).toEqual([
      ["error", ["Z1"]],
      ["error", ["Z3"]],
    ]);
    expect(result.problems[0]?.message.en).toContain(
      'hold "0DT", not a land-use code of Circular 01/2021/TT-BTNMT (did you mean "ODT"?)',
    );
    expect(result.problems[1]?.message.en).toContain('hold "7", not a land-use code');
  });

  it("does not check the codes of a layer no rule reads as codes", () => {
    const byName = parse({
      ...base,
      id: "by-name",
      type: "no-overlap",
      subject: { layer: "zones", filter: { attribute: "district_code", in: ["001"] } },
      constraint: { layer: "rice" },
    });
    const result = run([byName], zones([undefined, "odt", "XYZ"]));
    expect(result.problems).toEqual([]);
    expect(pairs(result)).toEqual([
      ["by-name", "Z1", "R1", "error"],
      ["by-name", "Z2", "R1", "error"],
    ]);
  });
});

describe("attributes a rule names that the layer does not have", () => {
  it("a misspelled filter attribute stops the rule, suggesting the layer's attribute", () => {
    const misspelled = parse({
      ...base,
      id: "misspelled",
      type: "no-overlap",
      subject: { layer: "zones", filter: { attribute: "land_use_cod", in: ["ODT"] } },
      constraint: { layer: "rice" },
    });
    const result = run([misspelled, noHousingOnRice], zones(["ODT", "LUA", "ODT"]));
    // before: "misspelled" ran, matched nothing and passed
    expect(result.summary.map((s) => s.rule)).toEqual(["no-housing-on-rice"]);
    expect(result.problems).toEqual([
      {
        rule: "misspelled",
        severity: "error",
        layer: "zones",
        message: {
          vi: 'Bỏ qua quy tắc "misspelled": subject.filter.attribute là "land_use_cod" nhưng không đối tượng nào của lớp "zones" có thuộc tính này (có phải "land_use_code"?); sửa tên thuộc tính trong quy tắc hoặc trong dữ liệu',
          en: 'rule "misspelled" skipped: subject.filter.attribute is "land_use_cod" but no feature of layer "zones" has that attribute (did you mean "land_use_code"?); correct the name in the rule or in the data',
        },
      },
    ]);
  });

  it("the same for constraint filters, compatibility attributes and a quota's district attribute", () => {
    const constraintFilter = parse({
      ...base,
      id: "constraint-filter",
      type: "no-overlap",
      subject: { layer: "zones" },
      constraint: { layer: "rice", filter: { attribute: "code", in: ["LUC"] } },
    });
    const rules = [
      constraintFilter,
      compat({ ODT: { LUC: "forbidden" } }, "landusecode"),
      quota([{ scope: "city", maxHectares: 1 }], { kind: "attribute", attribute: "district" }),
    ];
    const result = run(rules, zones(["ODT", "LUA", "ODT"]));
    expect(result.summary).toEqual([]);
    // the part after "rule … skipped: ", up to "; correct the name …"
    const what = (en: string) => en.split(": ")[1]?.split("; ")[0];
    expect(result.problems.map((p) => [p.rule, p.severity, what(p.message.en)])).toEqual([
      [
        "constraint-filter",
        "error",
        'constraint.filter.attribute is "code" but no feature of layer "rice" has that attribute',
      ],
      [
        "compat",
        "error",
        'constraintAttribute is "landusecode" but no feature of layer "rice" has that attribute (did you mean "land_use_code"?)',
      ],
      [
        "quota",
        "error",
        'districtSource.attribute is "district" but no feature of layer "zones" has that attribute',
      ],
    ]);
  });

  it("an empty layer has nothing to check", () => {
    const result = run([noHousingOnRice], fc());
    expect(result.problems).toEqual([]);
  });
});

describe("rule values the data cannot have", () => {
  it("a filter value of a code filter that is no code stops the rule", () => {
    const rule = parse({
      ...base,
      id: "typo",
      type: "no-overlap",
      subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT", "0NT"] } },
      constraint: { layer: "rice" },
    });
    const result = run([rule], zones(["ODT", "LUA", "ODT"]));
    expect(result.summary).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: "typo",
        severity: "error",
        message: expect.objectContaining({
          en: 'rule "typo" skipped: subject.filter.in holds "0NT", which is not a land-use code of Circular 01/2021/TT-BTNMT (did you mean "ONT"?); no feature could ever match it',
        }),
      }),
    ]);
  });

  it("compatibility matrix codes that are no official code stop the rule, on either level", () => {
    const result = run(
      [compat({ ODT: { LUC: "forbidden", LUX: "forbidden" }, OTD: { LUC: "forbidden" } })],
      zones(["ODT", "LUA", "ODT"]),
    );
    // before: the OTD row and the LUX column were ignored
    expect(result.summary).toEqual([]);
    expect(result.problems.map((p) => [p.severity, p.message.en.split(" skipped: ")[1]])).toEqual([
      [
        "error",
        'matrix holds "OTD", which is not a land-use code of Circular 01/2021/TT-BTNMT (did you mean "ODT"?); no feature could ever match it',
      ],
      [
        "error",
        'matrix.* holds "LUX", which is not a land-use code of Circular 01/2021/TT-BTNMT (did you mean "LUA", "LUC" or "LUK"?); no feature could ever match it',
      ],
    ]);
  });

  it("matrix keys of an attribute that holds no codes are warned about when no feature has them", () => {
    const result = run(
      [compat({ ODT: { "Vùng lúa": "forbidden", "Vung lua": "conditional" } }, "name")],
      zones(["ODT", "LUA", "ODT"]),
    );
    // the rule runs: a class this data lacks is no mistake, but it is said
    expect(pairs(result)).toEqual([
      ["compat", "Z1", "R1", "error"],
      ["compat", "Z3", "R1", "error"],
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: "compat",
        severity: "warning",
        layer: "rice",
        message: expect.objectContaining({
          en: 'rule "compat": matrix.* holds "Vung lua" but no feature of layer "rice" has "name" equal to it (did you mean "Vùng lúa"?); check the value',
        }),
      }),
    ]);
  });

  it("a matrix lookup never reaches Object.prototype", () => {
    const proto = fc(feature("R1", square(105.8, 21, 0.03), { name: "constructor" }));
    const result = runChecks({
      layers: { zones: zones(["ODT", "LUA", "ODT"]), rice: proto },
      rules: [compat({ ODT: { other: "forbidden" } }, "name")],
      catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
    });
    expect(result.findings).toEqual([]);
    expect(result.summary.map((s) => s.rule)).toEqual(["compat"]);
  });

  it("a quota target naming an unknown district stops the rule, suggesting a known one", () => {
    const targets = [
      { scope: "city", maxHectares: 1 },
      { scope: "district", district: "01", maxHectares: 1 },
      { scope: "district", district: "002", maxHectares: 1 },
    ];
    const byAttribute = run([quota(targets)], zones(["ODT", "LUA", "ODT"]));
    // before: the "01" target was compared with 0 ha and passed
    expect(byAttribute.summary).toEqual([]);
    expect(byAttribute.problems).toEqual([
      expect.objectContaining({
        rule: "quota",
        severity: "error",
        message: expect.objectContaining({
          en: 'rule "quota" skipped: targets.1.district is "01", not a district code of the district layer or of attribute "district_code" of layer "zones" (did you mean "001"?)',
        }),
      }),
    ]);
    // with a district layer: its codes count, whatever the attribute holds
    const districts = fc(
      feature("d1", square(105.8, 21, 0.015), { code: "001" }),
      feature("d2", square(105.815, 21, 0.015), { code: "002" }),
      feature("d3", square(105.9, 21, 0.01), { code: "003" }),
    );
    const third = [{ scope: "district", district: "003", maxHectares: 1 }];
    const layerSource = { kind: "districts-layer" };
    expect(
      run([quota(third, layerSource)], zones(["ODT", "LUA", "ODT"]), { districts }).problems,
    ).toEqual([]);
    const unknown = run(
      [quota([{ scope: "district", district: "004", maxHectares: 1 }], layerSource)],
      zones(["ODT", "LUA", "ODT"]),
      { districts },
    );
    expect(unknown.problems.map((p) => p.message.en)).toEqual([
      'rule "quota" skipped: targets.0.district is "004", not a district code of the district layer (did you mean "001", "002" or "003"?)',
    ]);
  });
});
