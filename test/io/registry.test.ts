import { zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { layerFromRead } from "../../src/core/proposal/layer-from-read";
import type { ReadResult } from "../../src/io/format-types";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import {
  FORMATS,
  formatOfName,
  groupFiles,
  preloadReaderFor,
  readSource,
} from "../../src/io/registry";
import { fixture, readBytes, readFixture } from "./read-fixtures";

const errors = (r: ReadResult) => r.problems.filter((p) => p.severity === "error");
const codes = (r: ReadResult) => r.problems.map((p) => p.code);
const ids = (r: ReadResult) => r.collection.features.map((f) => f.properties?.id ?? f.id);
const NAMES = ["Khu đô thị Tây Hồ", "Khu thương mại Hoàn Kiếm", "Đất trồng lúa Đông Anh"];
const set = (folder: string, exts = ["shp", "shx", "dbf", "prj", "cpg"]) =>
  exts.map((e) => `shapefile/${folder}/zones.${e}`);

describe("preloadReaderFor: the reader a name says, asked for before the bytes come", () => {
  it("loads that format's reader and no other; an unknown name loads none", () => {
    const spies = FORMATS.map((entry) => vi.spyOn(entry, "load"));
    try {
      preloadReaderFor("/data/city-plan-zones.fgb");
      preloadReaderFor("/layers/notes.txt");
      const loaded = FORMATS.filter((_, i) => (spies[i]?.mock.calls.length ?? 0) > 0);
      expect(loaded.map((f) => f.id)).toEqual(["fgb"]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("groupFiles: dropped files into inputs", () => {
  it("a .shp with its parts and sidecars is one input, any letter case; others stand alone", () => {
    expect(
      groupFiles([
        "a.SHP",
        "a.dbf",
        "b.geojson",
        "a.shx",
        "a.prj",
        "a.cpg",
        "a.shp.xml",
        "a.qix",
        "c.kmz",
        "notes.txt",
      ]),
    ).toEqual([
      {
        format: "shapefile",
        names: ["a.SHP", "a.dbf", "a.shx", "a.prj", "a.cpg", "a.shp.xml", "a.qix"],
      },
      { format: "geojson", names: ["b.geojson"] },
      { format: "kmz", names: ["c.kmz"] },
      { format: null, names: ["notes.txt"] },
    ]);
  });

  it("parts without .shp or .dbf have no format; two stems are two inputs", () => {
    expect(groupFiles(["a.prj", "a.shx"])).toEqual([{ format: null, names: ["a.prj", "a.shx"] }]);
    expect(groupFiles(["a.shp", "b.shp"]).map((g) => g.names)).toEqual([["a.shp"], ["b.shp"]]);
  });

  it("every format has a lazily loaded reader, and names map to formats", async () => {
    for (const entry of FORMATS) expect(typeof (await entry.load()).read).toBe("function");
    expect(
      ["x.geojson", "x.ndjson", "x.fgb", "x.zip", "x.kml", "x.kmz", "x.gpkg"].map(formatOfName),
    ).toEqual(["geojson", "geojson", "fgb", "shapefile", "kml", "kmz", "gpkg"]);
  });
});

describe("readSource: every format, the same five zones, the CRS evidence", () => {
  it.each([
    ["geojson", ["source/zones-wgs84.geojson"], "wgs84"],
    ["geojson", ["geojson/zones.ndjson"], "wgs84"],
    ["geojson", ["geojson/zones-vn2000-crs.geojson"], "epsg"],
    ["fgb", ["fgb/zones-wgs84.fgb"], "epsg"],
    ["fgb", ["fgb/zones-vn2000.fgb"], "epsg"],
    ["shapefile", set("utf8-cpg"), "prj"],
    ["shapefile", set("vn2000"), "prj"],
    ["shapefile", ["shapefile/zones-wgs84.zip"], "prj"],
    ["kml", ["kml/zones.kml"], "wgs84"],
    ["kmz", ["kmz/zones.kmz"], "wgs84"],
    ["kmz", ["kmz/zones-libkml.kmz"], "wgs84"],
    ["gpkg", ["gpkg/two-layers.gpkg"], "epsg"],
  ])("%s %j: five zones, no error, evidence %s", async (format, paths, crs) => {
    const r = await readFixture(paths);
    expect(errors(r)).toEqual([]);
    expect(r.format).toBe(format);
    expect(r.collection.features).toHaveLength(5);
    expect(r.crs.kind).toBe(crs);
    const names = r.collection.features.map((f) => f.properties?.ten ?? f.properties?.name);
    for (const name of NAMES) expect(names).toContain(name);
  });

  it("a .dbf without .cpg: Windows-1258 and TCVN3 told apart, the guess said", async () => {
    for (const [folder, encoding] of [
      ["cp1258", "windows-1258"],
      ["tcvn3", "tcvn3"],
    ] as const) {
      const r = await readFixture(set(folder, ["shp", "shx", "dbf", "prj"]));
      expect(r.encoding?.name.toLowerCase()).toBe(encoding);
      expect(codes(r)).toContain("guessed-encoding");
      expect(r.collection.features.map((f) => f.properties?.ten)).toEqual(
        expect.arrayContaining(NAMES),
      );
    }
  });

  it("a lone Feature and a bare geometry are one-feature layers", async () => {
    expect((await readFixture(["geojson/one-feature.geojson"])).collection.features).toHaveLength(
      1,
    );
    const bare = await readFixture(["geojson/bare-geometry.geojson"]);
    expect(errors(bare)).toEqual([]);
    expect(bare.collection.features[0]?.geometry?.type).toBe("Polygon");
  });

  it("heights dropped and said once; a same-kind GeometryCollection merged, a mixed one left out", async () => {
    const z = await readFixture(["geojson/zones-3d.geojson"]);
    expect(z.problems).toMatchObject([{ code: "has-z", severity: "warning", featureIndex: null }]);
    const square = [
      [
        [105.8, 21],
        [105.81, 21],
        [105.81, 21.01],
        [105.8, 21],
      ],
    ];
    const text = JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { id: "same" },
          geometry: {
            type: "GeometryCollection",
            geometries: [
              { type: "Polygon", coordinates: square },
              { type: "Polygon", coordinates: square },
            ],
          },
        },
        {
          type: "Feature",
          properties: { id: "mixed" },
          geometry: {
            type: "GeometryCollection",
            geometries: [
              { type: "Point", coordinates: [105.8, 21] },
              { type: "Polygon", coordinates: square },
            ],
          },
        },
      ],
    });
    const r = await readBytes("gc.geojson", text);
    expect(ids(r)).toEqual(["same"]);
    expect(r.collection.features[0]?.geometry?.type).toBe("MultiPolygon");
    expect(r.problems.map((p) => [p.code, p.severity, p.featureIndex])).toEqual([
      ["geometry-collection", "warning", null],
      ["geometry-collection", "error", 1],
    ]);
    expect(r.positions).toEqual({ index: [0], count: 2 });
  });

  it("a file holding several layers: the first read, the others named; `layer` picks one", async () => {
    const first = await readFixture(["gpkg/two-layers.gpkg"]);
    expect(first.problems.map((p) => p.code)).toContain("several-layers");
    const second = await readFixture(["gpkg/two-layers.gpkg"], { layer: "ranh_gioi_vn2000" });
    expect(second.crs).toEqual({ kind: "epsg", code: 5897, from: "gpkg" });
    const zip = await readFixture(["shapefile/two-layers.zip"], { layer: "ranh-gioi-vn2000" });
    expect(zip.file).toContain("ranh-gioi-vn2000.shp");
    expect(zip.crs.kind).toBe("prj");
  });
});

describe("readSource: bad input ends in a file-level problem, never a throw", () => {
  it("a misnamed file is read by its content, with a warning", async () => {
    const fgb = fixture("fgb/zones-wgs84.fgb");
    const r = await readSource([{ name: "zones.json", bytes: fgb.bytes }], {
      limits: DEFAULT_READ_LIMITS,
    });
    expect(r.format).toBe("fgb");
    expect(r.problems[0]).toMatchObject({ code: "unknown-format", severity: "warning" });
    expect(r.collection.features).toHaveLength(5);
  });

  it("junk under every extension: one file-level error naming the file", async () => {
    const junk = new Uint8Array(3000).map((_, i) => (i * 7919 + 13) % 251);
    for (const ext of [
      "geojson",
      "json",
      "ndjson",
      "fgb",
      "shp",
      "zip",
      "kml",
      "kmz",
      "gpkg",
      "txt",
      "",
    ]) {
      const name = ext ? `junk.${ext}` : "junk";
      const r = await readBytes(name, junk);
      expect(r.collection.features, name).toEqual([]);
      expect(errors(r).length, name).toBeGreaterThan(0);
      expect(errors(r)[0]?.file, name).toBe(name);
      expect(errors(r)[0]?.featureIndex, name).toBeNull();
    }
  });

  it("empty file, TopoJSON, JSON that is no GeoJSON", async () => {
    expect(errors(await readBytes("e.geojson", ""))).toHaveLength(1);
    const topo = await readFixture(["geojson/zones.topojson"]);
    expect(errors(topo)[0]?.message.en).toContain("TopoJSON");
    expect(errors(await readBytes("l.geojson", '{"type":"Layer"}'))[0]?.code).toBe("not-geojson");
  });

  it("deep nesting: in a value, in coordinates, in collections", async () => {
    // deeper than maxValueDepth (32), within maxTextDepth (256): the text is parsed
    const depth = 200;
    const deepValue = `{"type":"Feature","geometry":null,"properties":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const r = await readBytes("deep.geojson", deepValue);
    // an attribute nested that deep is left out, said; the feature stays
    expect(r.problems[0]).toMatchObject({
      code: "deep-value",
      severity: "warning",
      featureIndex: 0,
    });
    expect(r.collection.features[0]?.properties).toEqual({});
    const deepCoordinates = `{"type":"Polygon","coordinates":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    // malformed coordinates are passed on: the layer validation names them, without recursing
    const deep = await readBytes("deep2.geojson", deepCoordinates);
    expect(errors(deep)).toEqual([]);
    expect(layerFromRead(deep, "polygon").issues).toMatchObject([
      { code: "bad-coordinate", featureIndex: 0 },
    ]);
    let collection = '{"type":"Point","coordinates":[105.8,21]}';
    for (let i = 0; i < 100; i++)
      collection = `{"type":"GeometryCollection","geometries":[${collection}]}`;
    const nested = await readBytes("gc.geojson", collection);
    expect(errors(nested).length).toBeGreaterThan(0);
  });

  it("too large, too many features", async () => {
    const big = await readFixture(["source/zones-wgs84.geojson"], {
      limits: { ...DEFAULT_READ_LIMITS, maxBytes: 100 },
    });
    expect(errors(big)).toMatchObject([{ code: "too-large" }]);
    const many = await readFixture(["fgb/zones-wgs84.fgb"], {
      limits: { ...DEFAULT_READ_LIMITS, maxFeatures: 3 },
    });
    expect(errors(many)).toMatchObject([{ code: "too-large" }]);
  });

  it("zip bombs: a declared size over the limit, a stream longer than it declares", async () => {
    const zip = zipSync({ "zones.shp": new Uint8Array(1 << 20) }, { level: 9 });
    const patched = (declared: number) => {
      const copy = zip.slice();
      const view = new DataView(copy.buffer);
      view.setUint32(22, declared, true);
      for (let i = copy.length - 22; i >= 0; i--) {
        if (view.getUint32(i, true) === 0x02014b50) {
          view.setUint32(i + 24, declared, true);
          break;
        }
      }
      return copy;
    };
    const declared = await readBytes("bomb.zip", patched(0xffff_fff0));
    expect(errors(declared)[0]).toMatchObject({ code: "too-large" });
    expect(errors(declared)[0]?.message.en).toContain("zip bomb");
    const lying = await readBytes("lying.zip", patched(1000));
    expect(errors(lying)[0]?.message.en).toContain("longer than it declares");
    const small = await readBytes("ok.zip", zip, {
      limits: { ...DEFAULT_READ_LIMITS, maxUnzippedBytes: 1000 },
    });
    expect(errors(small)[0]).toMatchObject({ code: "too-large" });
  });

  it("a Shapefile part alone, or two layers at once: said what to give", async () => {
    const prj = await readFixture(["shapefile/vn2000/zones.prj"]);
    expect(errors(prj)[0]?.code).toBe("missing-part");
    const two = await readFixture(["source/zones-wgs84.geojson", "kml/zones.kml"]);
    expect(errors(two)[0]?.message.en).toContain("2 separate layers");
    expect(errors(await readSource([], { limits: DEFAULT_READ_LIMITS }))).toHaveLength(1);
  });

  it("an abort rejects with the signal's reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(
      readFixture(["source/zones-wgs84.geojson"], { signal: controller.signal }),
    ).rejects.toThrow("cancelled");
  });
});
