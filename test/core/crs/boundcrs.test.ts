import { describe, expect, it } from "vitest";
import type { CrsId } from "../../../src/core/crs/crs-definitions";
import { decideCrs } from "../../../src/core/crs/decide-crs";
import { matchWkt } from "../../../src/core/crs/match-wkt";
import { readWktCrs } from "../../../src/core/crs/wkt-crs";
import { HANOI_EN, HANOI_UTM48, prj } from "./crs-fixtures";

/** EPSG:6960 as a TOWGS84 (position vector), what every VN-2000 reading is compared to. */
const EPSG_6960 = [
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
];

const expectShift = (got: number[] | null | undefined, want: number[]) => {
  expect(got).toHaveLength(7);
  for (const [i, value] of (got ?? []).entries()) {
    expect(value, `parameter ${i}`).toBeCloseTo(want[i] as number, 7);
  }
};

describe("a WKT2 BOUNDCRS: the CRS inside, its ABRIDGEDTRANSFORMATION as the TOWGS84", () => {
  it.each<[string, CrsId]>([
    ["fgb-5897-boundcrs.wkt", "EPSG:5897"], // projinfo EPSG:5897 --boundcrs-to-wgs84: coordinate frame
    ["boundcrs-9209-wkt2015.wkt", "EPSG:9209"], // the same in WKT2:2015
    ["boundcrs-3405.wkt", "EPSG:3405"], // on one line, UTM 48N on VN-2000
    ["boundcrs-4756.wkt", "EPSG:4756"], // VN-2000 lon/lat
    ["boundcrs-unnamed-datum.wkt", "EPSG:5897"], // from a proj string: only the shift says VN-2000
  ])("%s → %s, certain, EPSG:6960's shift recognised (no note)", (file, id) => {
    expectShift(readWktCrs(prj(file))?.toWgs84, EPSG_6960);
    expect(matchWkt(prj(file))).toEqual({ id, said: expect.any(Object), notes: [], certain: true });
  });

  it("names the CRS inside, not the BOUNDCRS", () => {
    expect(matchWkt(prj("boundcrs-3405.wkt")).said.en).toBe(
      '"VN-2000 / UTM zone 48N" (VN-2000, projection "Transverse Mercator", central meridian 105°00′, k 0.9996, false easting 500 000 m)',
    );
    expect(matchWkt(prj("boundcrs-unnamed-datum.wkt")).said.vi).toMatch(/^"unknown" \(VN-2000, /);
  });

  it("recognises VN-2000 by a three-parameter shift (Geocentric translations), saying it differs", () => {
    const match = matchWkt(prj("boundcrs-three-parameter.wkt"));
    expect(match).toMatchObject({ id: "EPSG:5897", certain: true });
    expect(match.notes.map((note) => note.en)).toEqual([
      "The file's TOWGS84 (-191.904, -39.303, -111.45, 0, 0, 0, 0) differs from the standard one: EPSG transformation 6960's (Decision 05/2007/QĐ-BTNMT) are used",
    ]);
  });

  it("reads parameters in the units they carry (rotations in radians, scale in ppm)", () => {
    // coordinate frame, rotations as radians: EPSG:6960 exactly, so nothing to say
    expectShift(readWktCrs(prj("boundcrs-units.wkt"))?.toWgs84, EPSG_6960);
    expect(matchWkt(prj("boundcrs-units.wkt"))).toMatchObject({
      id: "EPSG:5897",
      notes: [],
      certain: true,
    });
  });

  it("takes no TOWGS84 from a BOUNDCRS to another datum (HN-72), as PROJ does", () => {
    expect(readWktCrs(prj("boundcrs-to-hn72.wkt"))?.toWgs84).toBeNull();
    const match = matchWkt(prj("boundcrs-to-hn72.wkt"));
    // the datum is unnamed, so the TM-3 grid is read as VN-2000 — as a guess, said
    expect(match).toMatchObject({ id: "EPSG:5897", certain: false });
    expect(match.notes.map((note) => note.en)).toEqual([
      "The file does not say which datum (WGS 84 ellipsoid, no TOWGS84): read as VN-2000, please check",
      expect.stringContaining("gives no shift to WGS 84"),
    ]);
  });

  it("ignores a transformation that is not a Helmert (no translations)", () => {
    const wkt = prj("boundcrs-unnamed-datum.wkt").replace(
      /PARAMETER\["[XYZ]-axis translation",[^\]]*\]\],?/g,
      "",
    );
    expect(readWktCrs(wkt)?.toWgs84).toBeNull();
  });

  it("decides EPSG:5897 as declared from a FlatGeobuf or GeoPackage BOUNDCRS", () => {
    for (const from of ["fgb", "gpkg"] as const) {
      const decision = decideCrs({ kind: "wkt", wkt: prj("boundcrs-units.wkt"), from }, HANOI_EN);
      expect(decision).toMatchObject({
        choice: { id: "EPSG:5897", axis: "xy" },
        confidence: "declared",
      });
      expect(decision.reason.en).not.toContain("TOWGS84");
    }
  });
});

describe("a datum named only by its ellipsoid is no WGS 84 datum", () => {
  it("GDAL's “Unknown based on WGS84 ellipsoid” UTM 48N: a guess (VN-2000), asked, WGS 84 next", () => {
    const match = matchWkt(prj("gdal-unknown-datum-utm48.wkt"));
    expect(match).toMatchObject({ id: "EPSG:3405", certain: false });
    expect(match.notes[0]?.en).toBe(
      "The file does not say which datum (WGS 84 ellipsoid, no TOWGS84): read as VN-2000, please check",
    );
    const decision = decideCrs(
      { kind: "prj", wkt: prj("gdal-unknown-datum-utm48.wkt") },
      HANOI_UTM48,
    );
    expect(decision).toMatchObject({
      choice: { id: "EPSG:3405", axis: "xy" },
      confidence: "inferred",
    });
    expect(decision.alternatives[0]).toEqual({ id: "EPSG:32648", axis: "xy" });
  });

  it("EPSG:4030 as ESRI writes it (“D_Not_specified_based_on_WGS_84_ellipsoid”): WGS 84, as a guess", () => {
    const match = matchWkt(
      'GEOGCS["GCS_Unknown_datum_based_upon_the_WGS_84_ellipsoid",DATUM["D_Not_specified_based_on_WGS_84_ellipsoid",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    );
    expect(match).toMatchObject({ id: "EPSG:4326", certain: false });
  });

  it("a declared VN-2000 UTM 48N offers UTM 48N on WGS 84 first", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("esri-3405.prj") }, HANOI_UTM48);
    expect(decision.alternatives.slice(0, 2)).toEqual([
      { id: "EPSG:32648", axis: "xy" },
      { id: "EPSG:5897", axis: "xy" },
    ]);
  });
});
