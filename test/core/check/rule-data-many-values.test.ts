import type { Feature, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { rule as ruleSchema } from "../../../src/core/catalog/rules-schema";
import { prepareChecks } from "../../../src/core/check/run-checks";
import { layerEntry } from "./fixture-input";

/*
 * A code attribute whose every feature holds another bad value: one problem per distinct value
 * made 200 000 problems, passed to push(...) at once ("Maximum call stack size exceeded", the
 * check ended in a crash), and would have flooded the terminal and the app's problem list.
 */

const text = { vi: "Kiểm tra", en: "Check" };
const rule = ruleSchema.parse({
  title: text,
  description: text,
  severity: "error",
  id: "no-housing-on-rice",
  type: "no-overlap",
  subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT"] } },
  constraint: { layer: "rice" },
});

function prepare(codes: (i: number) => string, n: number) {
  // no geometry: preparing the rules reads only the attribute
  const features: Feature[] = [];
  for (let i = 0; i < n; i++) {
    features.push({
      type: "Feature",
      id: `Z${i}`,
      geometry: null as unknown as Geometry,
      properties: { land_use_code: codes(i) },
    });
  }
  return prepareChecks({
    layers: {
      zones: { type: "FeatureCollection", features },
      rice: { type: "FeatureCollection", features: [] },
    },
    rules: [rule],
    catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
  });
}

describe("problems of a code attribute with very many distinct values", () => {
  it("names the first ten bad values and counts the rest in one problem", () => {
    const n = 200_000;
    const { problems, rules } = prepare((i) => `X${i}`, n);
    expect(rules).toEqual([]);
    expect(problems).toHaveLength(11);
    expect(problems.every((p) => p.severity === "error" && p.layer === "zones")).toBe(true);
    expect(problems[0]?.message.en).toContain('hold "X0", not a land-use code');
    const rest = problems[10];
    expect(rest?.message.en).toContain(`${n - 10} more values (${n - 10} feature(s))`);
    expect(rest?.features).toMatchObject({ total: n, count: n - 10 });
    expect(rest?.features?.first.map((f) => f.id)).toEqual(["Z10", "Z11", "Z12", "Z13", "Z14"]);
  }, 120_000);

  it("does the same for values read as codes once tidied", () => {
    // "ODT", " ODT", "  ODT", …: each spacing is another spelling of ODT
    const { problems, rules } = prepare((i) => `${" ".repeat(i % 30)}odt`, 3000);
    expect(rules).toHaveLength(1);
    expect(problems.map((p) => p.severity)).toEqual(Array(11).fill("warning"));
    expect(problems[10]?.message.en).toContain("20 more spellings (2000 feature(s))");
  });
});
