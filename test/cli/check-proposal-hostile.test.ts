import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_FIXTURES, expectBadInput, runCheckCli, scratchFolder } from "./check-helpers";

/**
 * `npm run check -- --proposal FILE` given hostile or careless input (issue 7, "Validation"):
 * exit 2, each line bilingual and naming the file (and feature), no stack trace. The reader-side
 * cases are in test/io/hostile-readers.test.ts; here what the user sees.
 */

const CATALOG = join(CLI_FIXTURES, "basic", "catalog.json");
const IO = join(CLI_FIXTURES, "..", "io");
const SLOW = { timeout: 120_000 };

const check = (...paths: string[]) =>
  runCheckCli([
    "--catalog",
    CATALOG,
    "--format",
    "csv",
    ...paths.flatMap((path) => ["--proposal", path]),
  ]);

describe("npm run check --proposal: hostile input", SLOW, () => {
  const { write } = scratchFolder("hostile");

  it("a 20 MiB KML: refused by its size, not parsed for minutes", () => {
    const placemark =
      "<Placemark><name>Z</name><Polygon><outerBoundaryIs><LinearRing><coordinates>105.8,21 105.81,21 105.81,21.01 105.8,21</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n";
    const kml = `<kml><Document>${placemark.repeat((20 * 2 ** 20) / placemark.length)}</Document></kml>`;
    const r = check(write("big.kml", kml));
    expectBadInput(r, "big.kml", "over the 16.0 MiB that can be read as KML", "ogr2ogr");
  });

  it("a KML with an XXE entity: said, /etc/passwd not read", () => {
    const r = check(
      write(
        "xxe.kml",
        '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&x;</name><Point><coordinates>105.8,21</coordinates></Point></Placemark></kml>',
      ),
    );
    expectBadInput(r, "xxe.kml", "uses the XML entity &x; at line 1", "entities are not expanded");
    expect(r.stderr).not.toContain("root:");
  });

  it("a GeoJSON nested 10 000 000 deep: refused where it goes too deep", () => {
    const depth = 10_000_000;
    const r = check(
      write(
        "deep.geojson",
        `{"type":"Polygon","coordinates":${"[".repeat(depth)}${"]".repeat(depth)}}`,
      ),
    );
    expectBadInput(r, "deep.geojson", "is nested more than 256 deep", "at line 1, column 288");
  });

  it("a GeoJSON of 30 000 000 empty arrays: refused before JSON.parse fills the heap", () => {
    const text = `{"type":"FeatureCollection","features":[],"x":[${"[],".repeat(30_000_000)}[]]}`;
    const r = check(write("arrays.geojson", text));
    expectBadInput(r, "arrays.geojson", "holds more than 25000000 JSON arrays and objects");
  });

  it("a .dbf with fewer records than the .shp: the warning that explains the features' errors", () => {
    const names = ["shp", "shx", "prj"].map((e) =>
      write(`zones.${e}`, readFileSync(join(IO, "shapefile", "vn2000", `zones.${e}`))),
    );
    const dbf = readFileSync(join(IO, "shapefile", "vn2000", "zones.dbf"));
    const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
    const header = view.getUint16(8, true);
    const record = view.getUint16(10, true);
    const two = Buffer.concat([dbf.subarray(0, header + 2 * record), Buffer.from([0x1a])]);
    new DataView(two.buffer, two.byteOffset).setUint32(4, 2, true);
    const r = check(...names, write("zones.dbf", two));
    expectBadInput(
      r,
      "zones.shp, đối tượng / feature 3/5",
      "the .shp holds 5 shapes but the .dbf 2 records",
    );
  });
});
