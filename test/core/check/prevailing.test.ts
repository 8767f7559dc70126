import { describe, expect, it } from "vitest";
import { PLAN_LEVELS } from "../../../src/core/catalog/schema";
import { adjustmentMessage, LEVEL_RANK, prevailingEntry } from "../../../src/core/check/prevailing";
import { layerEntry } from "./fixture-input";

const city = layerEntry("city-zoning", "city");
const national = layerEntry("national-land-use", "national");
const regional = layerEntry("regional-plan", "regional");
const boundary = layerEntry("city-boundary", "district");

describe("LEVEL_RANK", () => {
  it("orders the plan levels as PLAN_LEVELS does, the administrative base binding all", () => {
    const plans = PLAN_LEVELS.filter((l) => l !== "district");
    expect([...plans].sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b])).toEqual(plans);
    expect(new Set(plans.map((l) => LEVEL_RANK[l])).size).toBe(plans.length);
    expect(Object.keys(LEVEL_RANK).sort()).toEqual([...PLAN_LEVELS].sort());
    expect(Math.min(...Object.values(LEVEL_RANK))).toBe(LEVEL_RANK.district);
  });
});

describe("prevailingEntry", () => {
  it("picks the higher plan level, whichever side of the rule it is on", () => {
    expect(prevailingEntry(city, national)).toBe(national);
    expect(prevailingEntry(national, regional)).toBe(national);
    expect(prevailingEntry(regional, city)).toBe(regional);
  });

  it("lets the constraint prevail on a tie and the administrative boundary bind every plan", () => {
    const other = layerEntry("other-city-layer", "city");
    expect(prevailingEntry(city, other)).toBe(other);
    expect(prevailingEntry(city, boundary)).toBe(boundary);
    expect(prevailingEntry(national, boundary)).toBe(boundary);
  });

  it("is null without a constraint in the catalogue", () => {
    expect(prevailingEntry(city, undefined)).toBeNull();
  });
});

describe("adjustmentMessage", () => {
  it("says in both languages that the lower plan must be adjusted, citing the instrument", () => {
    const message = adjustmentMessage(city, national);
    expect(message.vi).toBe(
      "Quy hoạch thành phố («Lớp city-zoning») phải được điều chỉnh cho phù hợp với «Lớp national-land-use» (39/2021/QH15 ngày 13/11/2021).",
    );
    expect(message.en).toBe(
      'The city plan ("Layer city-zoning") must be adjusted to conform to "Layer national-land-use" (39/2021/QH15 of 2021-11-13).',
    );
  });

  it("asks for a correction when there is no prevailing plan", () => {
    expect(adjustmentMessage(city, null).en).toBe('"Layer city-zoning" must be corrected.');
  });
});
