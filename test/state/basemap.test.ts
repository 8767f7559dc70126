import { describe, expect, it } from "vitest";
import { initialBasemap, parseBasemapSource } from "../../src/state/basemap";

const page = "http://127.0.0.1:4173/app/index.html";

describe("parseBasemapSource", () => {
  it("reads a PMTiles archive, with or without the pmtiles:// prefix, and resolves paths", () => {
    expect(parseBasemapSource("https://gis.city/base.pmtiles", page)).toEqual({
      kind: "pmtiles",
      url: "https://gis.city/base.pmtiles",
    });
    expect(parseBasemapSource("pmtiles://http://10.0.0.2/a.PMTILES", page)).toEqual({
      kind: "pmtiles",
      url: "http://10.0.0.2/a.PMTILES",
    });
    expect(parseBasemapSource("tiles/hanoi.pmtiles", page)).toEqual({
      kind: "pmtiles",
      url: "http://127.0.0.1:4173/app/tiles/hanoi.pmtiles",
    });
  });

  it("takes anything else over http(s) as a MapLibre style", () => {
    expect(parseBasemapSource(" https://gis.city/styles/base/style.json ", page)).toEqual({
      kind: "style",
      url: "https://gis.city/styles/base/style.json",
    });
  });

  it("says what is wrong with an empty value or another scheme, in both languages", () => {
    for (const value of ["", "  ", "javascript:alert(1)", "file:///etc/passwd", "data:,{}"]) {
      const result = parseBasemapSource(value, page);
      expect("problem" in result, value).toBe(true);
      if ("problem" in result) {
        expect(result.problem.vi).toMatch(/style\.json/);
        expect(result.problem.en).toMatch(/style\.json/);
      }
    }
  });
});

describe("initialBasemap", () => {
  it("honours a link's intranet choice only with a basemap configured here", () => {
    expect(initialBasemap("intranet", true)).toBe("intranet");
    expect(initialBasemap("intranet", false)).toBe("none");
    expect(initialBasemap("osm", false)).toBe("osm");
    expect(initialBasemap(undefined, true)).toBe("none");
  });
});
