import { describe, expect, it } from "vitest";
import { type Rule, rule as ruleSchema } from "../../../../src/core/catalog/rules-schema";
import { sqlFor } from "../../../../src/core/check/rules/sql-index";
import type { RuleSqlContext } from "../../../../src/core/check/sql/context";
import { sqlFunctions } from "../../../../src/core/check/sql/functions";
import { quoteIdent, quoteRelation } from "../../../../src/core/check/sql/query";

/*
 * The SQL of each rule type (issue 11): values travel as parameters, names are quoted by the one
 * quoting function, and a hostile name or value never becomes SQL.
 */

const HOSTILE = 'a"; DROP TABLE x; --';
const base = {
  title: { vi: "t", en: "t" },
  description: { vi: "d", en: "d" },
  severity: "error",
};

/** One rule of each type, with hostile text wherever a rules file can put text. */
const RULES: Rule[] = [
  {
    ...base,
    id: "no-overlap",
    type: "no-overlap",
    subject: { layer: "a" },
    constraint: { layer: "b" },
  },
  { ...base, id: "within", type: "within", subject: { layer: "a" }, constraint: { layer: "b" } },
  {
    ...base,
    id: "min-distance",
    type: "min-distance",
    subject: { layer: "a" },
    constraint: { layer: "b" },
    distanceMeters: 25,
  },
  {
    ...base,
    id: "quota",
    type: "quota",
    subject: { layer: "a" },
    districtSource: { kind: "attribute", attribute: HOSTILE },
    targets: [{ scope: "city", minHectares: 1 }],
    illustrative: true,
  },
  {
    ...base,
    id: "compatibility",
    type: "compatibility",
    subject: { layer: "a" },
    constraint: { layer: "b" },
    subjectAttribute: HOSTILE,
    constraintAttribute: HOSTILE,
    matrix: { [HOSTILE]: { [HOSTILE]: "forbidden" } },
  },
  { ...base, id: "valid-geometry", type: "valid-geometry", subject: { layer: "a" } },
].map((r) => ruleSchema.parse(r));

const context = (over: Partial<RuleSqlContext> = {}): RuleSqlContext => ({
  subject: quoteIdent(`pl_layer_${HOSTILE}`),
  constraint: quoteIdent(`pl_layer_${HOSTILE}2`),
  subjectSelection: [0, 2],
  constraintSelection: [1],
  sameLayer: false,
  self: "none",
  districts: quoteIdent(HOSTILE),
  geometry: true,
  safe: false,
  polygonal: true,
  matrixValues: { subject: [HOSTILE, "x"], constraint: [HOSTILE] },
  ...over,
});

/** The text with every quoted identifier and every $n placeholder taken out. */
const bare = (text: string) => text.replace(/"(?:[^"]|"")*"/g, "<id>").replace(/\$\d+/g, "<p>");

describe("quoteIdent", () => {
  it("quotes a hostile name into one identifier", () => {
    expect(quoteIdent(HOSTILE)).toBe('"a""; DROP TABLE x; --"');
    expect(quoteRelation("s", HOSTILE)).toBe('"s"."a""; DROP TABLE x; --"');
    expect(quoteRelation(null, "t")).toBe('"t"');
  });
  it("refuses an empty name and one holding U+0000", () => {
    expect(() => quoteIdent("")).toThrow(RangeError);
    expect(() => quoteIdent("a\u0000b")).toThrow(RangeError);
  });
});

describe.each(RULES.map((r) => [r.type, r] as const))("the SQL of %s", (_type, rule) => {
  for (const safe of [false, true]) {
    it(`keeps values in parameters and names quoted (safe: ${safe})`, () => {
      const query = sqlFor(rule).query(rule, context({ safe }));
      // no rules-file text, no hostile text, outside a quoted name
      expect(bare(query.text)).not.toContain("DROP");
      expect(bare(query.text)).not.toContain(";");
      // every placeholder has its value and every value its placeholder
      const used = new Set([...query.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(query.values.map((_, k) => k + 1));
      // the selections travel as arrays
      expect(query.values).toContainEqual([0, 2]);
    });
  }

  it("reads every feature when the rule has no filter (no selection parameter)", () => {
    const query = sqlFor(rule).query(
      rule,
      context({ subjectSelection: null, constraintSelection: null }),
    );
    expect(query.values).not.toContainEqual([0, 2]);
    expect(query.text).not.toContain("idx = ANY");
  });
});

describe("values a rules file gives", () => {
  it("compatibility: the matrix and the features' values are parameters", () => {
    const rule = RULES.find((r) => r.type === "compatibility") as Rule;
    const query = sqlFor(rule).query(rule, context());
    expect(query.values).toContain(JSON.stringify({ [HOSTILE]: { [HOSTILE]: "forbidden" } }));
    expect(query.values).toContainEqual([HOSTILE, "x"]);
    expect(query.values).toContain("allowed");
  });
  it("quota: the district attribute is a parameter", () => {
    const rule = RULES.find((r) => r.type === "quota") as Rule;
    expect(sqlFor(rule).query(rule, context()).values).toContain(HOSTILE);
  });
  it("min-distance: the distance and the tolerance are parameters", () => {
    const rule = RULES.find((r) => r.type === "min-distance") as Rule;
    const query = sqlFor(rule).query(rule, context());
    expect(query.values).toEqual(expect.arrayContaining([25, 1]));
    expect(query.text).toContain("ST_DWithin(s.poly::geography, c.geom::geography, $1::float8)");
  });
  it("no-overlap on one layer pairs each feature once, or with every other feature", () => {
    const rule = RULES[0] as Rule;
    expect(sqlFor(rule).query(rule, context({ sameLayer: true, self: "after" })).text).toContain(
      "c.idx > s.idx",
    );
    expect(sqlFor(rule).query(rule, context({ sameLayer: true, self: "other" })).text).toContain(
      "c.idx <> s.idx",
    );
  });
});

describe("the run's functions", () => {
  it("live in pg_temp and name the district relation only quoted", () => {
    const statements = sqlFunctions(quoteIdent(HOSTILE));
    for (const s of statements) expect(s).toMatch(/^CREATE FUNCTION pg_temp\./);
    expect(bare(statements.join("\n"))).not.toContain("DROP");
    expect(sqlFunctions(null).join("\n")).not.toContain("pl_districts");
  });
});
