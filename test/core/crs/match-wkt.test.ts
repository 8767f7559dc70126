import { describe, expect, it } from "vitest";
import type { CrsId } from "../../../src/core/crs/crs-definitions";
import { matchWkt } from "../../../src/core/crs/match-wkt";
import { prj } from "./crs-fixtures";

/** The sentence every VN-2000 .prj without a datum shift gets. */
const NO_SHIFT = {
  vi: /không ghi tham số chuyển sang WGS 84.*224 m/,
  en: /no shift to WGS 84.*224 m/,
};

describe("matchWkt: a .prj or SRS WKT to one of our CRSs", () => {
  it.each<[string, CrsId]>([
    ["qgis-5897-esri.prj", "EPSG:5897"], // QGIS/GDAL ≥ 3 writes ESRI WKT1 into a .prj
    ["arcgis-hanoi-custom.prj", "EPSG:5897"], // a hand-made ArcGIS "VN_2000_Ha_Noi" .prj
    ["gdal-5897-wkt1.wkt", "EPSG:5897"], // OGC WKT1 with AUTHORITY (GeoPackage 1.0–1.2 SRS)
    ["gpkg-5897-wkt2.wkt", "EPSG:5897"], // WKT2 (GeoPackage definition_12_063, FlatGeobuf)
    ["esri-9208.prj", "EPSG:9208"],
    ["esri-9209.prj", "EPSG:9209"],
    ["esri-9210.prj", "EPSG:9210"],
    ["esri-9211.prj", "EPSG:9211"],
    ["esri-3405.prj", "EPSG:3405"],
    ["esri-3406.prj", "EPSG:3406"],
    ["esri-4756.prj", "EPSG:4756"],
  ])("%s → %s, VN-2000 with EPSG:6960's shift though the file has none", (file, id) => {
    const match = matchWkt(prj(file));
    expect(match).toMatchObject({ id, certain: true });
    expect(match.notes).toHaveLength(1);
    expect(match.notes[0]?.vi).toMatch(NO_SHIFT.vi);
    expect(match.notes[0]?.en).toMatch(NO_SHIFT.en);
  });

  it.each<[string, CrsId]>([
    ["esri-32648.prj", "EPSG:32648"],
    ["esri-32649.prj", "EPSG:32649"],
    ["esri-4326.prj", "EPSG:4326"],
    ["gdal-4326-wkt1.wkt", "EPSG:4326"],
  ])("%s → %s (WGS 84: no shift, no note)", (file, id) => {
    expect(matchWkt(prj(file))).toEqual({ id, said: expect.any(Object), notes: [], certain: true });
  });

  it("tells UTM 48N on VN-2000 from UTM 48N on WGS 84 by the datum, the projection being the same", () => {
    expect(matchWkt(prj("esri-3405.prj")).id).toBe("EPSG:3405");
    expect(matchWkt(prj("esri-32648.prj")).id).toBe("EPSG:32648");
  });

  it("takes a WKT2 BOUNDCRS's shift (EPSG:6960, coordinate frame) as the standard one: no note", () => {
    expect(matchWkt(prj("fgb-5897-boundcrs.wkt"))).toEqual({
      id: "EPSG:5897",
      said: expect.any(Object),
      notes: [],
      certain: true,
    });
  });

  it("knows VN-2000 by its TOWGS84 when the datum has no name (MapInfo's `MIF 9999`)", () => {
    expect(matchWkt(prj("mapinfo-mif-9999.prj"))).toMatchObject({
      id: "EPSG:5897",
      notes: [],
      certain: true,
    });
  });

  it("says when a TOWGS84 has the Decision's rotation signs (≈0.75 m) and uses EPSG:6960's", () => {
    const match = matchWkt(prj("ogc-decision-signs.prj"));
    expect(match.id).toBe("EPSG:5897");
    expect(match.notes[0]?.vi).toContain("dấu như trong Quyết định");
    expect(match.notes[0]?.vi).toContain("0,75 m");
    expect(match.notes[0]?.en).toContain("Decision's signs");
    expect(match.notes[0]?.en).toContain("0.75 m");
  });

  it("says when a TOWGS84 differs otherwise (three parameters, rounded) and uses EPSG:6960's", () => {
    const match = matchWkt(prj("three-parameter-shift.prj"));
    expect(match.id).toBe("EPSG:5897");
    expect(match.notes[0]?.en).toBe(
      "The file's TOWGS84 (-191.904, -39.303, -111.45, 0, 0, 0, 0) differs from the standard one: EPSG transformation 6960's (Decision 05/2007/QĐ-BTNMT) are used",
    );
  });

  it("reads a TM-3 grid (k 0.9999) labelled WGS 84 as VN-2000, but not as certain", () => {
    const match = matchWkt(prj("wgs84-named-tm3.prj"));
    expect(match).toMatchObject({ id: "EPSG:5897", certain: false });
    expect(match.notes.map((note) => note.en)).toEqual([
      "The file names the WGS 84 datum for a TM-3 grid (k 0.9999), which only VN-2000 uses: read as VN-2000, please check",
      expect.stringContaining("no shift to WGS 84"),
    ]);
  });

  it.each([
    ["esri-5899.prj", "central meridian 107°45′"], // VN-2000 TM-3 107°45′ (Quảng Ninh): not ours
    ["esri-2044.prj", 'datum "D_Hanoi_1972", a 6378245, 1/f 298.3'], // HN-72 on Krasovsky
    ["esri-3857.prj", 'projection "Mercator_Auxiliary_Sphere"'],
    ["us-feet.prj", "unit 0.3048006096012192 m (not metres)"],
  ])("%s: a CRS we cannot convert, said as the file says it (%s)", (file, seen) => {
    const match = matchWkt(prj(file));
    expect(match.id).toBeNull();
    expect(match.said.en).toContain(seen);
  });

  it("describes what it read, in both languages", () => {
    expect(matchWkt(prj("qgis-5897-esri.prj")).said).toEqual({
      vi: '"VN_2000_TM-3_zone_482" (VN-2000, phép chiếu "Transverse_Mercator", kinh tuyến trục 105°00′, k 0,9999, dịch đông 500 000 m)',
      en: '"VN_2000_TM-3_zone_482" (VN-2000, projection "Transverse_Mercator", central meridian 105°00′, k 0.9999, false easting 500 000 m)',
    });
    expect(matchWkt(prj("esri-9208.prj")).said.vi).toContain("kinh tuyến trục 104°45′");
  });

  it.each(["", "hello", "PROJCS[", 'PROJCS["x"]]', "\u0000\u0001binary", "[[[[]]]]"])(
    "is no CRS for text that is not WKT: %j",
    (text) => {
      expect(matchWkt(text)).toMatchObject({ id: null, certain: false });
    },
  );

  it("reads lon/lat with a datum nothing names as WGS 84, but not as certain", () => {
    const match = matchWkt(
      'GEOGCS["unnamed",DATUM["unknown",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',
    );
    expect(match).toMatchObject({ id: "EPSG:4326", certain: false });
    expect(match.notes[0]?.en).toContain("read as WGS 84, please check");
  });

  it("ignores parameters named like object members (never an object key from the file)", () => {
    const wkt = prj("qgis-5897-esri.prj").replace(
      'PARAMETER["Latitude_Of_Origin",0.0]',
      'PARAMETER["Latitude_Of_Origin",0.0],PARAMETER["constructor",1],PARAMETER["__proto__",2],PARAMETER["toString",3]',
    );
    expect(matchWkt(wkt).id).toBe("EPSG:5897");
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});
