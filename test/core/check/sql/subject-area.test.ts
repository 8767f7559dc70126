import { describe, expect, it } from "vitest";
import { sqlFor } from "../../../../src/core/check/rules/sql-index";
import type { SqlRow } from "../../../../src/core/check/sql/context";
import { AREA_PAIR_RULES, sqlTestContext } from "./sql-fixtures";

/*
 * The subject's area behind `shareOfSubject` (issue 11, the PostGIS engine's speed): one path for
 * every layer. The working relation's `area` column holds the in-process engine's `areaOf`, written
 * at load (`layerRows`); the query reads it and measures on the spheroid only where it is null (a
 * table checked in place), and the finding divides by the row's `subject_area`. Before, the run
 * gave the area in JS for layers read whole (preparing each kept subject a second time) and the
 * query measured it for streamed ones.
 */
const RULES = AREA_PAIR_RULES;
const context = sqlTestContext;

const SUBJECT_AREA = "coalesce(s.area, ST_Area((s.poly)::geography)) AS subject_area";
const facts = { prevailing: null, message: { vi: "m", en: "m" } };
const row: SqlRow = {
  s: 7,
  sid: "Z7",
  c: 1,
  cid: "R1",
  geojson: null,
  area: 50,
  subject_area: null,
  err: null,
  districts: [],
};

describe("the subject's area of a pair finding", () => {
  for (const rule of RULES) {
    it(`${rule.type}: the relation's area, measured in SQL only where it has none`, () => {
      expect(sqlFor(rule).query(rule, context()).text).toContain(SUBJECT_AREA);
      const [finding] = sqlFor(rule).findings(
        rule,
        [{ ...row, subject_area: 200 }],
        context(),
        facts,
      );
      expect(finding?.shareOfSubject).toBe(0.25);
      // no area (a subject with nothing polygonal): no share, as in process
      const [none] = sqlFor(rule).findings(rule, [row], context(), facts);
      expect(none?.shareOfSubject).toBeNull();
    });
  }
});
