import type { FeatureCollection, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { riverCorridor } from "../../../src/core/plan/river-corridor";
import { readRiver } from "../../../src/core/plan/river-source";
import { parseStructure } from "../../../src/core/plan/structure-schema";
import {
  landUseAssigner,
  type ZoneDraft,
  zoningContext,
} from "../../../src/core/plan/zone-assignment";
import { readPlanFixture } from "./plan-inputs";

type Case = {
  name: string;
  seed: [number, number];
  halfSize?: number;
  park?: string;
  district: string;
  expect: { rule: string; code: string; conflictNote?: string };
};

const structure = parseStructure(readPlanFixture("assignment/structure.json"));
const authored = readPlanFixture("assignment/authored.json") as Record<string, FeatureCollection>;
const cases = readPlanFixture("assignment/cases.json") as Case[];

function square([x, y]: Position, h: number): ZoneDraft["geometry"] {
  const [a, b] = [x as number, y as number];
  const ring = [
    [a - h, b - h],
    [a + h, b - h],
    [a + h, b + h],
    [a - h, b + h],
    [a - h, b - h],
  ];
  return { type: "Polygon", coordinates: [ring] };
}

function assigner(precedence = structure.precedence) {
  const river = readRiver(authored, "river.geojson");
  const corridor = riverCorridor(river.centreLine, river.halfWidthLeftM, river.halfWidthRightM);
  return landUseAssigner(
    zoningContext({ ...structure, precedence }, authored, corridor.corridor, river.centreLine),
  );
}

function draft(c: Case): ZoneDraft {
  const park = structure.industrialParks.find((p) => p.id === c.park) ?? null;
  return {
    id: `T-${c.name}`,
    seed: { key: c.name, position: c.seed, park },
    geometry: square(c.seed, c.halfSize ?? 0.001),
    districtCode: c.district,
    districtName: `Huyện ${c.district}`,
  };
}

describe("landUseAssigner (fixture test/fixtures/plan/assignment)", () => {
  const assign = assigner();
  it.each(cases)("$name", (c) => {
    const result = assign(draft(c));
    expect({ rule: result.rule, code: result.code }).toEqual({
      rule: c.expect.rule,
      code: c.expect.code,
    });
    expect(result.conflictNote).toBe(c.expect.conflictNote ?? null);
  });

  it("follows the order of precedence the structure gives", () => {
    const both = cases.find((c) => c.name.startsWith("urban centre and green"));
    if (!both) throw new Error("fixture case missing");
    const greenFirst = assigner(["override", "river", "protected", "industrial", "green", "urban"]);
    expect(greenFirst(draft(both))).toMatchObject({ rule: "green", code: "CLN" });
  });

  it("names rural zones after their district", () => {
    const rural = cases.find((c) => c.expect.code === "LUA");
    if (!rural) throw new Error("fixture case missing");
    expect(assign(draft(rural)).zoneName).toBe("Nông thôn – Huyện 250");
  });
});
