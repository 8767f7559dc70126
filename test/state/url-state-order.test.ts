import { describe, expect, it } from "vitest";
import { formatUrlState, parseUrlState, type UrlState } from "../../src/state/url-state";

describe("the link's layer order, solo layer and basemap choice", () => {
  it("round-trips order, solo and every basemap choice", () => {
    const states: UrlState[] = [
      { order: ["rice", "power", "ring-roads"], solo: "power", basemap: "intranet" },
      { layers: [{ id: "zoning", opacityPercent: 40 }], solo: "zoning", basemap: "osm" },
      { order: [], basemap: "none" },
    ];
    for (const state of states) expect(parseUrlState(`#${formatUrlState(state)}`)).toEqual(state);
  });

  it("writes order and solo after the other parts", () => {
    expect(formatUrlState({ layers: [], basemap: "none", order: ["a", "b"], solo: "b" })).toBe(
      "layers=&basemap=none&order=a,b&solo=b",
    );
  });

  it("ignores malformed ids, repeats and unknown basemaps", () => {
    expect(parseUrlState("order=a,B!,a,,c&solo=__proto__&basemap=https://x")).toEqual({
      order: ["a", "c"],
    });
  });
});
