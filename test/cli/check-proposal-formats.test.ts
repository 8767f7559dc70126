import { truncateSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CLI_FIXTURES,
  type CliRun,
  csvRows,
  expectBadInput,
  runCheckCli,
  scratchFolder,
} from "./check-helpers";

/**
 * `npm run check -- --proposal FILE` for every format the registry reads (issue 7), in WGS84 and
 * in VN-2000: each fixture of test/fixtures/io/ holds the same five zones, so each must give the
 * findings the WGS84 GeoJSON gives. Then every kind of bad input: exit 2, the file named.
 */

const CATALOG = join(CLI_FIXTURES, "basic", "catalog.json");
const IO = join(CLI_FIXTURES, "..", "io");
const SLOW = { timeout: 120_000 };

const check = (...args: string[]) =>
  runCheckCli(["--catalog", CATALOG, "--format", "csv", ...args]);
const proposal = (...paths: string[]) =>
  check(...paths.flatMap((path) => ["--proposal", join(IO, path)]));

type Row = { rule: string; subject: string; constraint: string; area: number };
const rowsOf = (r: CliRun): Row[] =>
  csvRows(r.stdout).map((x) => ({
    rule: x.rule as string,
    subject: x.subject_id as string,
    constraint: x.constraint_id as string,
    area: Number(x.area_m2),
  }));

/** The findings of the source zones, as a WGS84 GeoJSON. */
let source: Row[];
beforeAll(() => {
  const r = proposal("source/zones-wgs84.geojson");
  expect(r.status, r.stderr).toBe(1);
  source = rowsOf(r);
  expect(source.map((x) => [x.rule, x.subject, x.constraint])).toEqual([
    ["urban-not-on-rice", "Z1", "R1"],
    ["urban-not-on-rice", "Z2", "R1"],
    ["urban-near-park", "Z3", "P1"],
    ["urban-near-park", "Z4", "P1"],
  ]);
}, 120_000);

/**
 * The same findings as the source's, areas within `tolerance` (relative); `idOf` maps the source's
 * zone ids to the ones the format keeps (LIBKML writes its own Placemark ids).
 */
function expectSourceFindings(r: CliRun, tolerance: number, idOf = (id: string) => id) {
  expect(r.status, r.stderr).toBe(1);
  const rows = rowsOf(r);
  expect(rows.map((x) => [x.rule, x.subject, x.constraint])).toEqual(
    source.map((x) => [x.rule, idOf(x.subject), x.constraint]),
  );
  rows.forEach((row, i) => {
    const expected = (source[i] as Row).area;
    expect(Math.abs(row.area - expected) / expected).toBeLessThanOrEqual(tolerance);
  });
}

const VN2000_SET = ["shp", "shx", "dbf", "prj", "cpg"].map((e) => `shapefile/vn2000/zones.${e}`);

describe("npm run check --proposal: every format, WGS84 and VN-2000", SLOW, () => {
  it.each([
    ["NDJSON", ["geojson/zones.ndjson"]],
    ["FlatGeobuf", ["fgb/zones-wgs84.fgb"]],
    ["a Shapefile .zip", ["shapefile/zones-wgs84.zip"]],
    ["KML", ["kml/zones.kml"]],
    ["KMZ (Google Earth)", ["kmz/zones.kmz"]],
    ["GeoPackage (its first layer)", ["gpkg/two-layers.gpkg"]],
    ["KMZ (LIBKML, its own Placemark ids)", ["kmz/zones-libkml.kmz"]],
  ])("%s in WGS84: the findings of the GeoJSON, the CRS said", (name, paths) => {
    const r = proposal(...paths);
    const libkml = (id: string) => `vung_quy_hoach.${id.slice(1)}`;
    expectSourceFindings(r, 1e-6, name.includes("LIBKML") ? libkml : undefined);
    expect(r.stderr).toMatch(/Ghi chú \/ Note: .*: hệ tọa độ: .*EPSG:4326/);
    expect(r.stderr).toContain('land-use codes taken from attribute "ma_dat" (5 of 5 features');
    expect(r.stderr).toContain('read as "land_use_code"');
  });

  it.each([
    ["a GeoJSON without crs member (inferred)", ["geojson/zones-vn2000.geojson"], "inferred"],
    ["a GeoJSON with crs EPSG:5897", ["geojson/zones-vn2000-crs.geojson"], "declared"],
    ["a FlatGeobuf", ["fgb/zones-vn2000.fgb"], "declared"],
    ["a Shapefile .shp (its set found beside it)", ["shapefile/vn2000/zones.shp"], "declared"],
    ["a Shapefile set given file by file", VN2000_SET, "declared"],
  ])("VN-2000 %s: reprojected, the same findings within 0.01 %%", (_, paths, how) => {
    const r = proposal(...paths);
    expectSourceFindings(r, 1e-4);
    expect(r.stderr).toContain("EPSG:5897");
    if (how === "inferred") expect(r.stderr).toMatch(/match VN-2000 zone 105° around Hà Nội/);
    else expect(r.stderr).toMatch(/declares/);
  });

  it("a Shapefile .zip from an office: VN-2000 .prj, TCVN3 names, no .cpg", () => {
    const r = proposal("shapefile/vn2000-tcvn3.zip");
    expectSourceFindings(r, 1e-4);
    expect(r.stderr).toContain("vn2000-tcvn3.zip › quy-hoach.shp");
    expect(r.stderr).toContain("EPSG:5897");
    // the names decoded from TCVN3, as the warning's example shows
    expect(r.stderr).toContain("attribute text was read as TCVN3");
    expect(r.stderr).toContain("Khu đô thị Tây Hồ");
  });

  it("a Shapefile set in Windows-1258 given file by file", () => {
    const set = ["shp", "shx", "dbf", "prj"].map((e) => `shapefile/cp1258/zones.${e}`);
    const r = proposal(...set);
    expectSourceFindings(r, 1e-6);
    expect(r.stderr).toContain("Windows-1258");
  });

  it("--crs overrides the CRS decided, and says so", () => {
    const r = check("--proposal", join(IO, "geojson/zones-vn2000.geojson"), "--crs", "EPSG:3405");
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Using EPSG:3405 .* as chosen\. From the file: /);
    // UTM 48N on VN-2000 is not TM-3 105°: the zones land some metres away, the areas differ
    expect(rowsOf(r)[0]?.area).not.toBe(source[0]?.area);
  });

  it("--land-use-attribute names the attribute; one that holds no codes stops with each feature", () => {
    const geojson = join(IO, "source/zones-wgs84.geojson");
    const ok = check("--proposal", geojson, "--land-use-attribute", "ma_dat");
    expect(ok.status, ok.stderr).toBe(1);
    expect(ok.stderr).toContain('attribute "ma_dat" (5 of 5 features hold codes; as given');
    const names = check("--proposal", geojson, "--land-use-attribute", "ten");
    expectBadInput(names, "zones-wgs84.geojson", 'feature 1/5 (features[0]; id "Z1"');
    expect(names.stderr).toContain('"ten" = "Khu đô thị Tây Hồ" is not a land-use code');
    const typo = check("--proposal", geojson, "--land-use-attribute", "ma_da");
    expectBadInput(
      typo,
      "zones-wgs84.geojson",
      'has no attribute "ma_da" (did you mean "ma_dat"?)',
    );
  });

  it("a bad --crs, or --crs without --proposal: exit 2 with the CRSs to choose from", () => {
    const bad = check("--proposal", join(IO, "geojson/zones-vn2000.geojson"), "--crs", "EPSG:3857");
    expectBadInput(bad, "--crs", "EPSG:5897");
    expectBadInput(check("--crs", "EPSG:5897"), "--crs applies to a --proposal only");
  });
});

/** A zip of `name` holding 1 MiB of zeros, its declared size of it patched to `declared`. */
function zipDeclaring(name: string, declared: number): Uint8Array {
  const zip = zipSync({ [name]: new Uint8Array(1 << 20) }, { level: 9 });
  const view = new DataView(zip.buffer);
  view.setUint32(22, declared, true); // the local header's uncompressed size
  const central = zip.findIndex(
    (_, i) => view.getUint32(Math.min(i, zip.length - 4), true) === 0x02014b50,
  );
  view.setUint32(central + 24, declared, true); // the central directory's
  return zip;
}

describe("npm run check --proposal: bad input exits 2 naming the file (and feature)", SLOW, () => {
  const { write } = scratchFolder("bad");

  it("binary junk named .geojson, and junk named .shp", () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expectBadInput(check("--proposal", write("junk.geojson", junk)), "junk.geojson");
    expectBadInput(check("--proposal", write("junk.shp", junk)), "junk.shp");
  });

  it("TopoJSON: said to be TopoJSON", () => {
    const r = check("--proposal", join(IO, "geojson/zones.topojson"));
    expectBadInput(r, "zones.topojson", "TopoJSON");
  });

  it("an empty file, and an empty collection", () => {
    expectBadInput(check("--proposal", write("empty.geojson", "")), "empty.geojson");
    const none = write("none.geojson", '{"type":"FeatureCollection","features":[]}');
    expectBadInput(check("--proposal", none), "none.geojson", "the file holds no features");
  });

  it("deeply nested JSON: a clear message, not a crash", () => {
    const depth = 200_000;
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}]}`;
    expectBadInput(check("--proposal", write("deep.geojson", deep)), "deep.geojson");
    const coordinates = `{"type":"Polygon","coordinates":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expectBadInput(
      check("--proposal", write("deep-geometry.geojson", coordinates)),
      "deep-geometry.geojson",
    );
  });

  it("a zip bomb: refused by its declared size, and when it inflates past what it declares", () => {
    const declared = write("bomb.zip", zipDeclaring("zones.shp", 0xffff_fff0));
    expectBadInput(check("--proposal", declared), "bomb.zip", "zip bomb");
    const lying = write("lying.zip", zipDeclaring("zones.shp", 1000));
    expectBadInput(check("--proposal", lying), "lying.zip", "zones.shp is longer than it declares");
  });

  it("a file too big to read: refused by its size before a byte is read", () => {
    // a sparse 600 MiB file: nothing is written, the size alone is over the 512 MiB limit
    const path = write("huge.geojson", "");
    truncateSync(path, 600 * 2 ** 20);
    expectBadInput(check("--proposal", path), "huge.geojson", "512.0 MiB");
  });

  it("a VN-2000 file in metres no CRS explains: asks for --crs", () => {
    const far = write(
      "far.geojson",
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { ma: "ODT" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [10_000, 20_000],
                  [10_500, 20_000],
                  [10_500, 20_500],
                  [10_000, 20_000],
                ],
              ],
            },
          },
        ],
      }),
    );
    expectBadInput(check("--proposal", far), "far.geojson", "--crs");
  });

  it("a feature with an unknown code and one outside Vietnam: each named", () => {
    const zone = (id: string, code: string, x: number, y: number) => ({
      type: "Feature",
      properties: { id, MDSD: code },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, y],
            [x + 0.01, y],
            [x + 0.01, y + 0.01],
            [x, y],
          ],
        ],
      },
    });
    const path = write(
      "mixed.geojson",
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          zone("a", "ODT", 105.8, 21),
          zone("b", "XYZ", 105.81, 21),
          zone("c", "LUA", 2.35, 48.85),
        ],
      }),
    );
    const r = check("--proposal", path);
    expectBadInput(
      r,
      "mixed.geojson",
      'feature 2/3 (features[1]; id "b")',
      'feature 3/3 (features[2]; id "c")',
    );
    expect(r.stderr).toContain('"MDSD" = "XYZ" is not a land-use code');
    expect(r.stderr).toContain("lies outside Vietnam");
  });
});
