import { describe, expect, it } from "vitest";
import { formatPlaceRef, type PlaceRef, parsePlaceRef } from "../../src/state/place-ref";
import { formatUrlState, parseUrlState } from "../../src/state/url-state";

describe("place in a link", () => {
  const places: PlaceRef[] = [
    { kind: "district", code: "002" },
    { kind: "zone", layerId: "city-plan-zones", id: "CP-002-0001" },
    { kind: "zone", layerId: "city-plan-zones", id: "a&b=c:d#e f+g" },
    { kind: "point", lat: 21.0287, lon: 105.8522 },
  ];

  it("survives a round trip through the hash, with the other parts", () => {
    for (const place of places) {
      const hash = formatUrlState({ lang: "vi", place });
      expect(parseUrlState(`#${hash}`), hash).toEqual({ lang: "vi", place });
    }
    expect(formatUrlState({ place: { kind: "point", lat: 21.02870001, lon: 105.8522 } })).toBe(
      "place=point:21.0287,105.8522",
    );
  });

  it("ignores a malformed place and keeps the rest", () => {
    for (const bad of [
      "",
      "district:2",
      "district:abc",
      "zone:Bad_Layer:x",
      "zone:city-plan-zones",
      "zone:city-plan-zones:",
      "point:91,105",
      "point:21",
      "point:a,b",
      "street:1",
    ]) {
      expect(parsePlaceRef(bad), bad).toBeUndefined();
    }
    expect(parseUrlState("#lang=en&place=point:x,y")).toEqual({ lang: "en" });
  });

  it("writes each kind readably", () => {
    expect(places.slice(0, 2).map(formatPlaceRef)).toEqual([
      "district:002",
      "zone:city-plan-zones:CP-002-0001",
    ]);
  });
});
