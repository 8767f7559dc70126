import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection } from "geojson";
import type { CompareOptions } from "../../../src/core/compare/types";

/** A comparison fixture: features tagged with `_plan`, options in the top-level `options` member. */
export type CompareFixture = FeatureCollection & {
  note?: string;
  options?: Pick<CompareOptions, "attribute" | "currentAttribute" | "proposalAttribute">;
};

/** The fixture `test/fixtures/compare/in/<name>.geojson`. */
export function readCompareFixture(name: string): CompareFixture {
  const file = join(__dirname, "../../fixtures/compare/in", `${name}.geojson`);
  return JSON.parse(readFileSync(file, "utf8")) as CompareFixture;
}

const collection = (features: Feature[]): FeatureCollection => ({
  type: "FeatureCollection",
  features,
});

/** Splits a fixture by `_plan` into the current plan, the proposal, the districts and the options. */
export function compareInput(fixture: CompareFixture): {
  current: FeatureCollection;
  proposal: FeatureCollection;
  options: CompareOptions;
} {
  const of = (plan: string) => fixture.features.filter((f) => f.properties?._plan === plan);
  const districts = of("districts");
  return {
    current: collection(of("current")),
    proposal: collection(of("proposal")),
    options: {
      ...fixture.options,
      ...(districts.length > 0 ? { districts: collection(districts) } : {}),
    },
  };
}
