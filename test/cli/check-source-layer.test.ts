import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_FIXTURES, type CliRun, csvRows, expectBadInput, runCheckCli } from "./check-helpers";

/**
 * `npm run check -- --proposal FILE --source-layer NAME` (issue 7): a GeoPackage or a zip holding
 * several layers is read at the layer named, in the check and in `--compare`. The fixtures hold
 * the five source zones as their first layer and only Z3, Z4 as their second
 * (test/fixtures/io/make-fixtures.sh), so which layer was read shows in the findings.
 */

const CATALOG = join(CLI_FIXTURES, "basic", "catalog.json");
const IO = join(CLI_FIXTURES, "..", "io");
const GPKG = join(IO, "gpkg", "two-different-layers.gpkg");
const ZIP = join(IO, "shapefile", "two-different-layers.zip");
const SLOW = { timeout: 120_000 };

const check = (...args: string[]) =>
  runCheckCli(["--catalog", CATALOG, "--format", "csv", ...args]);

const findings = (r: CliRun) =>
  csvRows(r.stdout).map((x) => [x.rule, x.subject_id, x.constraint_id]);

/** The findings of the five zones (the first layer), as the WGS84 GeoJSON gives them. */
const ALL_ZONES = [
  ["urban-not-on-rice", "Z1", "R1"],
  ["urban-not-on-rice", "Z2", "R1"],
  ["urban-near-park", "Z3", "P1"],
  ["urban-near-park", "Z4", "P1"],
];
/** The findings of the second layer: Z3 and Z4 only. */
const SECOND_LAYER = [
  ["urban-near-park", "Z3", "P1"],
  ["urban-near-park", "Z4", "P1"],
];

describe("npm run check --source-layer: the layer read from a file holding several", SLOW, () => {
  it.each([
    ["a GeoPackage", GPKG, "khu_dong_anh", "GeoPackage", "khu_dong_anh"],
    ["a zip of two Shapefiles", ZIP, "dong-anh.shp", "tệp zip", "dong-anh.shp"],
  ])(
    "%s: without it the first layer, and a warning says how to pick another",
    (_, file, second) => {
      const r = check("--proposal", file);
      expect(r.status, r.stderr).toBe(1);
      expect(findings(r)).toEqual(ALL_ZONES);
      expect(r.stderr).toMatch(
        new RegExp(
          `^Cảnh báo / Warning: .*: .* có 2 lớp; .*chưa đọc: ${second}; chọn lớp bằng --source-layer TÊN / .* holds 2 layers; .*not read: ${second}; pick one with --source-layer NAME$`,
          "m",
        ),
      );
    },
  );

  it.each([
    ["a GeoPackage table", GPKG, "khu_dong_anh", "two-different-layers.gpkg › khu_dong_anh"],
    ["a GeoPackage table, case aside", GPKG, "KHU_DONG_ANH", "gpkg › khu_dong_anh"],
    ["a .shp in a zip", ZIP, "dong-anh.shp", "two-different-layers.zip › dong-anh.shp"],
    ["a .shp in a zip, named without .shp", ZIP, "dong-anh", "zip › dong-anh.shp"],
  ])("%s picked: its findings, no warning about the others", (_, file, layer, read) => {
    const r = check("--proposal", file, "--source-layer", layer);
    expect(r.status, r.stderr).toBe(0);
    expect(findings(r)).toEqual(SECOND_LAYER);
    expect(r.stderr).toContain(`${read}: mã loại đất lấy từ thuộc tính "ma_dat" (2/2`);
    expect(r.stderr).not.toContain("not read:");
  });

  it("applies to --compare: the layer picked is compared", () => {
    const first = check("--proposal", ZIP, "--compare");
    const second = check("--proposal", ZIP, "--source-layer", "dong-anh", "--compare");
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    // the first layer is the current plan's zones (nothing removed); the second drops Z1, Z2
    expect(first.stderr).toContain("dong-anh.shp");
    expect(second.stderr).toMatch(/Compared .*two-different-layers\.zip with layer "zoning"/);
    expect(second.stderr).toContain("zip › dong-anh.shp: mã loại đất lấy từ");
    const removed = (r: CliRun) => csvRows(r.stdout).filter((x) => x.kind === "removed").length;
    expect(removed(second)).toBeGreaterThan(removed(first));
  });

  it.each([
    [
      "a GeoPackage",
      GPKG,
      "khu_dong_an",
      'the GeoPackage has no layer "khu_dong_an" (did you mean "khu_dong_anh"?); its layers: vung_quy_hoach, khu_dong_anh; pick one with --source-layer NAME',
    ],
    [
      "a zip",
      ZIP,
      "dong-ahn",
      'the zip has no layer "dong-ahn" (did you mean "dong-anh"?); its layers: zones.shp, dong-anh.shp; pick one with --source-layer NAME',
    ],
  ])(
    "an unknown layer in %s: exit 2 listing its layers, the closest named",
    (_, file, layer, en) => {
      const r = check("--proposal", file, "--source-layer", layer);
      expectBadInput(r, en);
      expect(r.stderr).toMatch(
        new RegExp(
          `^Lỗi / Error: .*two-different-layers\\.(gpkg|zip): .* không có lớp "${layer}"`,
          "m",
        ),
      );
      const compare = check("--proposal", file, "--source-layer", layer, "--compare");
      expectBadInput(compare, en);
    },
  );

  it("a name close to none: the layers listed, nothing guessed", () => {
    const r = check("--proposal", GPKG, "--source-layer", "xyz");
    expectBadInput(r, "its layers: vung_quy_hoach, khu_dong_anh");
    expect(r.stderr).not.toContain("did you mean");
  });

  it("a file with one layer, no layers to pick: exit 2 saying so", () => {
    const geojson = join(IO, "source", "zones-wgs84.geojson");
    const r = check("--proposal", geojson, "--source-layer", "zones");
    expectBadInput(r, "zones-wgs84.geojson", "the file holds one layer, none to choose");
  });

  it("without --proposal, or empty: exit 2; listed in --help", () => {
    expectBadInput(check("--source-layer", "x"), "--source-layer applies to a --proposal only");
    expectBadInput(check("--proposal", GPKG, "--source-layer="), "--source-layer needs a value");
    const help = runCheckCli(["--help"]);
    expect(help.stdout).toContain("--source-layer");
  });
});
