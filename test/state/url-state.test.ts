import { describe, expect, it } from "vitest";
import { formatUrlState, parseUrlState, type UrlState } from "../../src/state/url-state";

describe("parseUrlState", () => {
  it("reads camera, layers with opacity, language and basemap", () => {
    expect(
      parseUrlState("#map=10.5/21.0285/105.8542&layers=city-zoning:70,ring-road-4:100&lang=vi"),
    ).toEqual({
      camera: { zoom: 10.5, lat: 21.0285, lon: 105.8542 },
      layers: [
        { id: "city-zoning", opacityPercent: 70 },
        { id: "ring-road-4", opacityPercent: 100 },
      ],
      lang: "vi",
    });
    expect(parseUrlState("basemap=osm&lang=en")).toEqual({ basemap: "osm", lang: "en" });
  });

  it("returns an empty state for an empty hash", () => {
    expect(parseUrlState("")).toEqual({});
    expect(parseUrlState("#")).toEqual({});
  });

  it("keeps an explicitly empty layer list apart from a missing one", () => {
    expect(parseUrlState("layers=")).toEqual({ layers: [] });
    expect(parseUrlState("lang=vi")).not.toHaveProperty("layers");
  });

  it("ignores malformed parts and keeps the good ones", () => {
    expect(
      parseUrlState("map=abc/1/2&layers=Bad Id:50,ok:x,good,dup:10,dup:20,clamped:250&lang=fr"),
    ).toEqual({
      layers: [
        { id: "good", opacityPercent: 100 },
        { id: "dup", opacityPercent: 10 },
        { id: "clamped", opacityPercent: 100 },
      ],
    });
    expect(parseUrlState("map=10/95/105")).toEqual({});
    expect(parseUrlState("map=10/21")).toEqual({});
    expect(parseUrlState("map=//")).toEqual({});
  });
});

describe("formatUrlState", () => {
  it("writes parts in a fixed order with rounded numbers", () => {
    expect(
      formatUrlState({
        lang: "en",
        layers: [{ id: "city-zoning", opacityPercent: 69.6 }],
        camera: { zoom: 10.5, lat: 21.028512345, lon: 105.854199999 },
        basemap: "none",
      }),
    ).toBe("map=10.5/21.02851/105.8542&layers=city-zoning:70&lang=en&basemap=none");
  });

  it("writes an empty layer list as an empty value", () => {
    expect(formatUrlState({ layers: [] })).toBe("layers=");
  });

  it("round-trips", () => {
    const states: UrlState[] = [
      {},
      { camera: { zoom: 0, lat: -33.5, lon: -70.25 } },
      { layers: [], basemap: "osm" },
      {
        camera: { zoom: 12.25, lat: 21.0285, lon: 105.8542 },
        layers: [
          { id: "ring-road-4", opacityPercent: 0 },
          { id: "city-zoning", opacityPercent: 55 },
        ],
        lang: "vi",
        basemap: "none",
      },
    ];
    for (const state of states) expect(parseUrlState(`#${formatUrlState(state)}`)).toEqual(state);
  });
});
