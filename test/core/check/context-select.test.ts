import type { Feature, FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { prepareLayer, select } from "../../../src/core/check/context";

const zone = (code: string | number | null, name: string): Feature => ({
  type: "Feature",
  properties: { land_use_code: code, name },
  geometry: { type: "Point", coordinates: [105.85, 21.03] },
});
const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    zone("ODT", "a"),
    zone("odt ", "b"),
    zone("LUC", "c"),
    zone(null, "d"),
    zone("ONT", "e"),
    zone(7, "f"),
  ],
};

describe("select", () => {
  it("picks by land-use code as the code column reads it, by other values as text", () => {
    const layer = prepareLayer("zones", zones, undefined);
    const urban = { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT", "ONT"] } };
    expect(select(layer, urban)).toEqual([0, 1, 4]);
    expect(
      select(layer, { layer: "zones", filter: { attribute: "name", in: ["c", "f"] } }),
    ).toEqual([2, 5]);
    expect(
      select(layer, { layer: "zones", filter: { attribute: "land_use_code", in: [7] } }),
    ).toEqual([5]);
    expect(select(layer, { layer: "zones" })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("works a selection out once per layer and filter, for every rule that asks", () => {
    const layer = prepareLayer("zones", zones, undefined);
    const urban = () => ({
      layer: "zones",
      filter: { attribute: "land_use_code", in: ["ODT", "ONT"] },
    });
    const first = select(layer, urban());
    expect(select(layer, urban())).toBe(first);
    expect(select(layer, { layer: "zones" })).toBe(select(layer, { layer: "zones" }));
    // another filter, or the same filter on another layer (new data), is worked out again
    const rice = select(layer, {
      layer: "zones",
      filter: { attribute: "land_use_code", in: ["LUC"] },
    });
    expect(rice).toEqual([2]);
    const again = prepareLayer("zones", zones, undefined);
    expect(select(again, urban())).not.toBe(first);
    expect(select(again, urban())).toEqual(first);
  });
});
