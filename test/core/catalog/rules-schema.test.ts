import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatRuleProblem,
  parseRules,
  rulesJsonSchema,
} from "../../../src/core/catalog/rules-schema";

const text = { vi: "Quy tắc", en: "Rule" };
const good = {
  id: "no-housing-on-rice",
  type: "no-overlap",
  title: text,
  description: text,
  severity: "error",
  subject: { layer: "city-zoning", filter: { attribute: "land_use_code", in: ["ODT"] } },
  constraint: { layer: "national-land-use" },
};

describe("parseRules", () => {
  it("loads good rules with defaults filled in", () => {
    const { rules, problems } = parseRules({ version: 1, rules: [good] });
    expect(problems).toEqual([]);
    expect(rules[0]).toMatchObject({ id: "no-housing-on-rice", toleranceSquareMeters: 1 });
  });

  it("names the index, id and field of a bad rule and still loads the others", () => {
    const bad = { ...good, id: "bad-rule", severity: "fatal", subject: { layer: "" } };
    const { rules, problems } = parseRules({ version: 1, rules: [bad, { ...good, id: "ok" }] });
    expect(rules.map((r) => r.id)).toEqual(["ok"]);
    expect(problems.map((p) => [p.index, p.id, p.field])).toEqual([
      [0, "bad-rule", "severity"],
      [0, "bad-rule", "subject.layer"],
    ]);
    expect(
      formatRuleProblem(problems[0] as (typeof problems)[number], "layers/rules.json"),
    ).toMatch(/^layers\/rules\.json: quy tắc \/ rule #0 "bad-rule" severity: /);
  });

  it("rejects an unknown type, duplicate ids and unknown layers", () => {
    const { rules, problems } = parseRules(
      {
        version: 1,
        rules: [
          { ...good, type: "nearby" },
          good,
          good,
          { ...good, id: "ghost", constraint: { layer: "nowhere" } },
        ],
      },
      new Set(["city-zoning", "national-land-use"]),
    );
    expect(rules).toHaveLength(1);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, "type"],
      [2, "id"],
      [3, "constraint.layer"],
    ]);
  });

  it("checks quota targets and compatibility verdicts", () => {
    const quota = {
      ...good,
      id: "quota",
      type: "quota",
      constraint: undefined,
      illustrative: true,
      targets: [{ scope: "district" }, { scope: "city", minHectares: 5, maxHectares: 1 }],
    };
    const compat = {
      ...good,
      id: "compat",
      type: "compatibility",
      subjectAttribute: "a",
      constraintAttribute: "b",
      matrix: { ODT: { LUC: "maybe" } },
    };
    const { problems } = parseRules({ version: 1, rules: [quota, compat] });
    expect(problems.map((p) => [p.id, p.field])).toEqual([
      ["quota", "targets.0.district"],
      ["quota", "targets.0.minHectares"],
      ["quota", "targets.1.maxHectares"],
      ["compat", "matrix.ODT.LUC"],
    ]);
  });

  it("rejects a root without a version", () => {
    expect(parseRules({ rules: [] }).problems[0]).toMatchObject({ index: null, field: "version" });
  });
});

describe("layers/rules.schema.json", () => {
  it("is the JSON Schema generated from the zod schema (UPDATE=1 rewrites it)", () => {
    const file = join(__dirname, "../../../layers/rules.schema.json");
    const generated = rulesJsonSchema();
    if (process.env.UPDATE) writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(generated);
  });
});
