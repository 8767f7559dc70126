import { describe, expect, it } from "vitest";
import type { Rule } from "../../../../src/core/catalog/rules-schema";
import { findingId } from "../../../../src/core/check/finding-id";
import { sqlFor } from "../../../../src/core/check/rules/sql-index";
import type { SqlRow } from "../../../../src/core/check/sql/context";
import { AREA_PAIR_RULES, sqlTestContext, sqlTestRule } from "./sql-fixtures";

/*
 * The PostGIS engine makes a finding from each row as the row arrives (`RuleSql.finding`, issue 11:
 * Node's work overlaps the server's): for every type whose rows are findings one to one, the
 * finding of a row is the one `findings` makes of it among all the rows; quota, whose findings add
 * rows up, has none. And a pair row gives the finding the in-process engine would.
 */
const RULES: Rule[] = [
  ...AREA_PAIR_RULES,
  sqlTestRule({
    id: "c",
    type: "compatibility",
    subject: { layer: "a" },
    constraint: { layer: "b" },
    subjectAttribute: "code",
    constraintAttribute: "kind",
    matrix: { ODT: { rice: "forbidden" } },
  }),
  sqlTestRule({ id: "v", type: "valid-geometry", subject: { layer: "a" } }),
];
const ctx = sqlTestContext({ geometry: true });
const facts = { prevailing: null, message: { vi: "m", en: "m" } };
const ROWS: SqlRow[] = [
  {
    s: 3,
    sid: "Z3",
    c: 1,
    cid: "R1",
    err: null,
    geojson: '{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}',
    area: 50,
    subject_area: 200,
    districts: ["07", "01"],
    verdict: "forbidden",
    sv: "ODT",
    cv: "rice",
    distance: 4,
    problem: "sliver",
    width: 0.5,
    count: null,
  },
  {
    s: 4,
    sid: "Z4",
    c: 2,
    cid: "R2",
    err: "GEOSIntersects: TopologyException",
    geojson: null,
    area: null,
    subject_area: null,
    districts: [],
    verdict: "conditional",
    sv: "ODT",
    cv: "rice",
    distance: null,
    problem: "self-intersection",
    width: null,
    count: 2,
  },
];

describe("a finding per row", () => {
  for (const rule of RULES) {
    it(`${rule.type}: the row's finding is the one made among all the rows`, () => {
      const sql = sqlFor(rule);
      expect(sql.finding).toBeTypeOf("function");
      const one = ROWS.map((row) => sql.finding?.(rule, row, ctx, facts));
      expect(one).toEqual(sql.findings(rule, ROWS, ctx, facts));
    });
  }

  it("quota adds its rows up: no finding per row", () => {
    const quota = sqlTestRule({
      id: "q",
      type: "quota",
      subject: { layer: "a" },
      districtSource: { kind: "attribute", attribute: "district_code" },
      targets: [{ scope: "city", minHectares: 1 }],
      illustrative: true,
    });
    expect(sqlFor(quota).finding).toBeUndefined();
  });

  it("no-overlap: the in-process engine's finding of a pair row", () => {
    const rule = RULES[0] as Rule;
    const [ok, failed] = ROWS.map((row) => sqlFor(rule).finding?.(rule, row, ctx, facts));
    expect(ok).toEqual({
      id: findingId("o", "Z3", "R1"),
      rule: "o",
      ruleType: "no-overlap",
      severity: "error",
      status: "ok",
      subject: { layer: "a", featureId: "Z3" },
      constraint: { layer: "b", featureId: "R1" },
      prevailing: null,
      message: { vi: "m", en: "m" },
      districts: ["01", "07"],
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      areaSquareMeters: 50,
      shareOfSubject: 0.25,
      measures: {},
    });
    expect(failed).toMatchObject({
      id: findingId("o", "Z4", "R2"),
      status: "not-computed",
      reason: "GEOSIntersects: TopologyException",
      geometry: null,
      areaSquareMeters: null,
      shareOfSubject: null,
    });
  });
});
