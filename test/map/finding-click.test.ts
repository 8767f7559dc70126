import { describe, expect, it } from "vitest";
import { FINDING_CLICK_LAYERS, findingIdsAt } from "../../src/map/check-layers";

describe("the findings under a map click", () => {
  it("are each finding once, topmost first, from features that carry an id", () => {
    expect(
      findingIdsAt([
        { properties: { id: "b", severity: "error" } },
        { properties: { id: "a" } },
        { properties: { id: "b" } },
        { properties: {} },
        { properties: null },
        {},
      ]),
    ).toEqual(["b", "a"]);
  });

  it("ignores an id inherited from the prototype", () => {
    const inherited = Object.create({ id: "proto" }) as object;
    expect(findingIdsAt([{ properties: inherited }])).toEqual([]);
  });

  it("are looked for on the conflict tint and points", () => {
    expect(FINDING_CLICK_LAYERS).toContain("check:findings-tint");
  });
});
