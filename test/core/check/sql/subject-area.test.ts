import { describe, expect, it } from "vitest";
import { rule as ruleSchema } from "../../../../src/core/catalog/rules-schema";
import { sqlFor } from "../../../../src/core/check/rules/sql-index";
import type { RuleSqlContext, SqlRow } from "../../../../src/core/check/sql/context";

/*
 * The subject's area behind `shareOfSubject` (issue 11, the PostGIS engine's speed): given in JS by
 * the run (the in-process engine's `areaOf`), the pair queries do not measure it — a geography cast
 * per kept pair was a fifth of the pair query — and the findings divide by the JS area; without it
 * the query measures it as before.
 */
const base = { title: { vi: "t", en: "t" }, description: { vi: "d", en: "d" }, severity: "error" };
const RULES = [
  { id: "o", type: "no-overlap", subject: { layer: "a" }, constraint: { layer: "b" } },
  { id: "w", type: "within", subject: { layer: "a" }, constraint: { layer: "b" } },
  {
    id: "m",
    type: "min-distance",
    subject: { layer: "a" },
    constraint: { layer: "b" },
    distanceMeters: 10,
  },
].map((r) => ruleSchema.parse({ ...base, ...r }));

const context = (over: Partial<RuleSqlContext> = {}): RuleSqlContext => ({
  subject: '"pl_layer_a"',
  constraint: '"pl_layer_b"',
  subjectSelection: null,
  constraintSelection: null,
  sameLayer: false,
  self: "none",
  districts: null,
  geometry: false,
  safe: false,
  polygonal: true,
  ...over,
});

const SUBJECT_AREA = "ST_Area((s.poly)::geography)";
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
    it(`${rule.type}: read in JS when the run gives it, measured in SQL otherwise`, () => {
      const areas: number[] = [];
      const inJs = context({
        subjectArea: (idx) => {
          areas.push(idx);
          return 200;
        },
      });
      expect(sqlFor(rule).query(rule, inJs).text).not.toContain(SUBJECT_AREA);
      expect(sqlFor(rule).query(rule, context()).text).toContain(SUBJECT_AREA);
      const [finding] = sqlFor(rule).findings(rule, [row], inJs, facts);
      expect(finding?.shareOfSubject).toBe(0.25);
      expect(areas).toEqual([7]);
      const [measured] = sqlFor(rule).findings(
        rule,
        [{ ...row, subject_area: 100 }],
        context(),
        facts,
      );
      expect(measured?.shareOfSubject).toBe(0.5);
    });
  }
});
