import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import type { CrsChoice } from "../../../src/core/crs/crs-definitions";
import { epsgCodeFromCrsName } from "../../../src/core/crs/crs-name";
import { decideCrs } from "../../../src/core/crs/decide-crs";
import type { CrsEvidence } from "../../../src/io/format-types";
import {
  HANOI_EN,
  HANOI_LATLON,
  HANOI_LONLAT,
  HANOI_NE,
  HANOI_UTM48,
  prj,
  xy,
  yx,
} from "./crs-fixtures";

/** Hồ Chí Minh City in UTM 48N (10.7769° N, 106.7009° E by PROJ, and a point 5 km north-east). */
const SAIGON_UTM48: Position[] = [
  [685779.98, 1191939.15],
  [689315.51, 1195474.68],
];

const none: CrsEvidence = { kind: "none" };

describe("decideCrs from a .prj or SRS WKT", () => {
  it("takes an ESRI VN-2000 .prj (QGIS export) as declared, and says what it saw", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("qgis-5897-esri.prj") }, HANOI_EN);
    expect(decision.choice).toEqual(xy("EPSG:5897"));
    expect(decision.confidence).toBe("declared");
    expect(decision.alternatives.slice(0, 2)).toEqual([xy("EPSG:3405"), xy("EPSG:32648")]);
    expect(decision.reason.vi).toBe(
      'Tệp .prj khai báo "VN_2000_TM-3_zone_482" (VN-2000, phép chiếu "Transverse_Mercator", kinh tuyến trục 105°00′, k 0,9999, dịch đông 500 000 m): dùng EPSG:5897 “VN-2000 / TM-3 múi 3° kinh tuyến trục 105° (Hà Nội)”. ' +
        "Tệp không ghi tham số chuyển sang WGS 84 (TOWGS84): dùng tham số của phép chuyển EPSG:6960 (Quyết định 05/2007/QĐ-BTNMT); bỏ qua chúng toạ độ sẽ lệch khoảng 224 m. " +
        "Toạ độ E 529–589 km, N 2 274–2 348 km.",
    );
    expect(decision.reason.en).toBe(
      'The .prj file declares "VN_2000_TM-3_zone_482" (VN-2000, projection "Transverse_Mercator", central meridian 105°00′, k 0.9999, false easting 500 000 m): using EPSG:5897 “VN-2000 / TM-3 3° zone, central meridian 105° (Hà Nội)”. ' +
        "The file gives no shift to WGS 84 (TOWGS84): EPSG transformation 6960's (Decision 05/2007/QĐ-BTNMT) are used; without them positions would be about 224 m off. " +
        "Coordinates E 529–589 km, N 2 274–2 348 km.",
    );
  });

  it("resolves Hà Nội's UTM 48N / TM-3 ambiguity by the .prj", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("esri-3405.prj") }, HANOI_UTM48);
    expect(decision).toMatchObject({ choice: xy("EPSG:3405"), confidence: "declared" });
    expect(decideCrs({ kind: "prj", wkt: prj("esri-32648.prj") }, HANOI_UTM48)).toMatchObject({
      choice: xy("EPSG:32648"),
      confidence: "declared",
    });
  });

  it("keeps the declared CRS but swaps the axes of a northing-first table, and asks", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("arcgis-hanoi-custom.prj") }, HANOI_NE);
    expect(decision.choice).toEqual(yx("EPSG:5897"));
    expect(decision.confidence).toBe("inferred");
    expect(decision.alternatives[0]).toEqual(xy("EPSG:5897"));
    expect(decision.reason.en).toContain(
      "but read in it the coordinates are not in Vietnam. Coordinates X (northing) 2 274–2 348 km, Y (easting) 529–589 km",
    );
    expect(decision.reason.vi).toContain("X (bắc) ghi trước Y (đông) như bảng toạ độ Việt Nam");
  });

  it("asks when the .prj needed a guess (WGS 84 named for a TM-3 grid)", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("wgs84-named-tm3.prj") }, HANOI_EN);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "inferred" });
    expect(decision.reason.vi).toContain("coi là VN-2000, hãy kiểm tra");
  });

  it("does not trust a WGS 84 .prj on VN-2000 metres (a .prj copied from another file)", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("esri-4326.prj") }, HANOI_EN);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "inferred" });
    expect(decision.alternatives[0]).toEqual(xy("EPSG:4326"));
  });

  it("names the GeoPackage and FlatGeobuf as the source of a WKT", () => {
    const gpkg = decideCrs({ kind: "wkt", wkt: prj("gpkg-5897-wkt2.wkt"), from: "gpkg" }, HANOI_EN);
    expect(gpkg).toMatchObject({ choice: xy("EPSG:5897"), confidence: "declared" });
    expect(gpkg.reason.vi).toMatch(
      /^Hệ toạ độ \(SRS\) của GeoPackage khai báo "VN-2000 \/ TM-3 zone 482"/,
    );
    const fgb = decideCrs(
      { kind: "wkt", wkt: prj("fgb-5897-boundcrs.wkt"), from: "fgb" },
      HANOI_EN,
    );
    expect(fgb.reason.en).toMatch(/^The FlatGeobuf header declares/);
    expect(fgb.reason.en).not.toContain("TOWGS84"); // its shift is EPSG:6960's: nothing to say
  });

  it("does not overrule a CRS it cannot convert by the coordinates: no choice, their guess first", () => {
    // VN-2000 TM-3 107°45′ (Quảng Ninh) metres look like Hà Nội's: read as 5897 they would move 290 km
    const decision = decideCrs({ kind: "prj", wkt: prj("esri-5899.prj") }, HANOI_EN);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.alternatives[0]).toEqual(xy("EPSG:5897"));
    expect(decision.reason.vi).toContain("kinh tuyến trục 107°45′");
    expect(decision.reason.vi).toContain("hệ toạ độ này không chuyển được ở đây");
    expect(decision.reason.vi).toContain("hãy chuyển tệp sang WGS 84 trước");
    expect(decision.reason.en).toContain(
      "this CRS cannot be converted here. Coordinates E 529–589 km, N 2 274–2 348 km. If the declaration is wrong, choose the CRS (by the coordinates it may be EPSG:5897",
    );
    const junk = decideCrs({ kind: "prj", wkt: "\u0000garbage" }, HANOI_EN);
    expect(junk.reason.en).toMatch(/^The \.prj file declares text that cannot be read as WKT/);
  });
});

describe("decideCrs from an EPSG code", () => {
  it.each<[CrsEvidence, Position[], CrsChoice]>([
    [{ kind: "epsg", code: 5897, from: "gpkg" }, HANOI_EN, xy("EPSG:5897")],
    [{ kind: "epsg", code: 32648, from: "fgb" }, HANOI_UTM48, xy("EPSG:32648")],
    [{ kind: "epsg", code: 4326, from: "gpkg" }, HANOI_LONLAT, xy("EPSG:4326")],
    [{ kind: "epsg", code: 9209, from: "fgb" }, HANOI_EN, xy("EPSG:9209")],
  ])("%j → declared", (evidence, sample, choice) => {
    expect(decideCrs(evidence, sample)).toMatchObject({ choice, confidence: "declared" });
  });

  it("maps the deprecated EPSG:6957 to EPSG:5897 and says why", () => {
    const decision = decideCrs({ kind: "epsg", code: 6957, from: "gpkg" }, HANOI_EN);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "declared" });
    expect(decision.reason.en).toContain("EPSG:6957 is deprecated by EPSG");
  });

  it("asks for a code it cannot convert, naming it, the coordinates' guess first", () => {
    const decision = decideCrs({ kind: "epsg", code: 3857, from: "gpkg" }, HANOI_EN);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.alternatives[0]).toEqual(xy("EPSG:5897"));
    expect(decision.reason.en).toMatch(
      /^The GeoPackage's SRS declares EPSG:3857: this CRS cannot be converted here\. Coordinates E 529–589 km/,
    );
  });
});

describe("decideCrs from a legacy GeoJSON crs member", () => {
  const geojsonCrs = (name: string): CrsEvidence => ({
    kind: "epsg",
    code: epsgCodeFromCrsName(name) ?? -1,
    from: "geojson-crs",
  });

  it("reads urn:ogc:def:crs:EPSG::5897", () => {
    const decision = decideCrs(geojsonCrs("urn:ogc:def:crs:EPSG::5897"), HANOI_EN);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "declared" });
    expect(decision.reason.vi).toMatch(/^Thành phần "crs" của GeoJSON khai báo EPSG:5897: dùng/);
  });

  it("reads CRS84 and EPSG:4326, whichever order the numbers are in", () => {
    expect(decideCrs(geojsonCrs("urn:ogc:def:crs:OGC:1.3:CRS84"), HANOI_LONLAT)).toMatchObject({
      choice: xy("EPSG:4326"),
      confidence: "declared",
    });
    // urn:ogc:def:crs:EPSG::4326 officially means lat, lon; files write either
    expect(decideCrs(geojsonCrs("urn:ogc:def:crs:EPSG::4326"), HANOI_LATLON)).toMatchObject({
      choice: yx("EPSG:4326"),
      confidence: "inferred",
    });
  });
});

describe("decideCrs for formats defined as WGS 84", () => {
  it("takes GeoJSON lon/lat in Vietnam as declared", () => {
    const decision = decideCrs({ kind: "wgs84", from: "geojson-spec" }, HANOI_LONLAT);
    expect(decision).toEqual({
      choice: xy("EPSG:4326"),
      confidence: "declared",
      alternatives: [xy("EPSG:4756"), yx("EPSG:4326")],
      reason: {
        vi: "GeoJSON (RFC 7946) ghi kinh độ, vĩ độ WGS 84 và tệp không khai báo hệ toạ độ khác: dùng EPSG:4326 “WGS 84 (kinh độ, vĩ độ)”. Toạ độ kinh độ 105,28–105,86°, vĩ độ 20,56–21,22°.",
        en: "GeoJSON (RFC 7946) holds WGS 84 longitude, latitude, and the file declares no other CRS: using EPSG:4326 “WGS 84 (longitude, latitude)”. Coordinates longitude 105.28–105.86°, latitude 20.56–21.22°.",
      },
    });
  });

  it("reads a GeoJSON of VN-2000 metres (QGIS export without crs) as EPSG:5897, and asks", () => {
    const decision = decideCrs({ kind: "wgs84", from: "geojson-spec" }, HANOI_EN);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "inferred" });
    expect(decision.reason.en).toMatch(
      /^GeoJSON \(RFC 7946\) holds WGS 84 longitude, latitude, and the file declares no other CRS \(EPSG:4326 .*\), but read in it the coordinates are not in Vietnam\. Coordinates E 529–589 km, N 2 274–2 348 km: match VN-2000 zone 105° around Hà Nội/,
    );
    expect(decision.alternatives[0]).toEqual(xy("EPSG:4326"));
  });

  it("takes KML as declared", () => {
    const decision = decideCrs({ kind: "wgs84", from: "kml" }, HANOI_LONLAT);
    expect(decision).toMatchObject({ choice: xy("EPSG:4326"), confidence: "declared" });
    expect(decision.reason.vi).toMatch(/^KML luôn ghi kinh độ, vĩ độ WGS 84/);
  });
});

describe("decideCrs from the coordinates alone", () => {
  it("lon/lat in Vietnam → EPSG:4326, inferred", () => {
    expect(decideCrs(none, HANOI_LONLAT)).toEqual({
      choice: xy("EPSG:4326"),
      confidence: "inferred",
      alternatives: [xy("EPSG:4756")],
      reason: {
        vi: "Toạ độ kinh độ 105,28–105,86°, vĩ độ 20,56–21,22°: coi là EPSG:4326 “WGS 84 (kinh độ, vĩ độ)”.",
        en: "Coordinates longitude 105.28–105.86°, latitude 20.56–21.22°: read as EPSG:4326 “WGS 84 (longitude, latitude)”.",
      },
    });
  });

  it("lat/lon → EPSG:4326 with axes swapped", () => {
    const decision = decideCrs(none, HANOI_LATLON);
    expect(decision).toMatchObject({ choice: yx("EPSG:4326"), confidence: "inferred" });
    expect(decision.reason.vi).toBe(
      "Toạ độ vĩ độ 20,56–21,22°, kinh độ 105,28–105,86°: coi là EPSG:4326 “WGS 84 (kinh độ, vĩ độ)”. Vĩ độ ghi trước kinh độ, nên đảo lại.",
    );
  });

  it("E/N metres in Hà Nội's window → EPSG:5897, inferred, UTM 48N and the other zones offered", () => {
    const decision = decideCrs(none, HANOI_EN);
    expect(decision.choice).toEqual(xy("EPSG:5897"));
    expect(decision.confidence).toBe("inferred");
    expect(decision.alternatives).toEqual(
      ["EPSG:3405", "EPSG:32648", "EPSG:9209", "EPSG:9210", "EPSG:9208", "EPSG:9211"].map((id) =>
        xy(id as CrsChoice["id"]),
      ),
    );
    expect(decision.reason).toEqual({
      vi: "Toạ độ E 529–589 km, N 2 274–2 348 km: khớp VN-2000 múi 105° quanh Hà Nội, coi là EPSG:5897 “VN-2000 / TM-3 múi 3° kinh tuyến trục 105° (Hà Nội)”. Dữ liệu UTM 48N ở Hà Nội cũng rơi vào khoảng này (lệch khoảng 700 m): nếu tệp là UTM 48N, hãy chọn lại.",
      en: "Coordinates E 529–589 km, N 2 274–2 348 km: match VN-2000 zone 105° around Hà Nội, read as EPSG:5897 “VN-2000 / TM-3 3° zone, central meridian 105° (Hà Nội)”. UTM 48N data of Hà Nội fall in the same range (about 700 m apart): if the file is UTM 48N, choose it instead.",
    });
  });

  it("N/E metres (survey-table order) → EPSG:5897 with axes swapped", () => {
    const decision = decideCrs(none, HANOI_NE);
    expect(decision).toMatchObject({ choice: yx("EPSG:5897"), confidence: "inferred" });
    expect(decision.alternatives[0]).toEqual(yx("EPSG:3405"));
    expect(decision.reason.en).toContain(
      "Coordinates X (northing) 2 274–2 348 km, Y (easting) 529–589 km: match VN-2000 zone 105° around Hà Nội",
    );
    expect(decision.reason.en).toContain("so the two are swapped");
  });

  it("UTM 48N data of Hà Nội look like TM-3: EPSG:5897 is only inferred, UTM 48N first among the alternatives", () => {
    const decision = decideCrs(none, HANOI_UTM48);
    expect(decision).toMatchObject({ choice: xy("EPSG:5897"), confidence: "inferred" });
    expect(decision.alternatives.slice(0, 2)).toEqual([xy("EPSG:3405"), xy("EPSG:32648")]);
  });

  it("metres of Vietnam outside Hà Nội → no choice: the zone cannot be told", () => {
    const decision = decideCrs(none, SAIGON_UTM48);
    expect(decision.choice).toBeNull();
    expect(decision.confidence).toBe("unknown");
    expect(decision.alternatives.map((a) => a.id)).toEqual(
      expect.arrayContaining(["EPSG:5897", "EPSG:3405", "EPSG:32648", "EPSG:3406"]),
    );
    expect(decision.reason.vi).toBe(
      "Toạ độ E 685–690 km, N 1 191–1 196 km: mét kiểu VN-2000 TM-3 hay UTM ở Việt Nam nhưng không phải quanh Hà Nội, nên không biết múi nào: hãy chọn hệ toạ độ.",
    );
  });

  it("junk → no choice, every CRS offered", () => {
    const decision = decideCrs(none, [
      [0, 0],
      [1, 1],
      [3, 250],
    ]);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.alternatives).toHaveLength(11);
    expect(decision.reason).toEqual({
      vi: "Toạ độ x 0–3, y 0–250: không phải kinh độ, vĩ độ ở Việt Nam, cũng không phải mét VN-2000 hay UTM ở Việt Nam: hãy chọn hệ toạ độ.",
      en: "Coordinates x 0–3, y 0–250: neither longitude, latitude in Vietnam nor VN-2000 or UTM metres in Vietnam: please choose the CRS.",
    });
  });

  it("a mix of kinds → no choice, with the counts", () => {
    const decision = decideCrs(none, [...HANOI_EN, ...HANOI_LONLAT]);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.reason.en).toBe(
      "Coordinates of several kinds among 8 sampled positions: 4 longitude, latitude in Vietnam (longitude 105.28–105.86°, latitude 20.56–21.22°); 4 metres E, N in Vietnam (E 529–589 km, N 2 274–2 348 km): please choose the CRS.",
    );
  });

  it("a few stray positions do not hide the rest, but are counted", () => {
    const sample = [...Array.from({ length: 19 }, (_, i) => HANOI_EN[i % 4] as Position), [0, 0]];
    const decision = decideCrs(none, sample);
    expect(decision.choice).toEqual(xy("EPSG:5897"));
    expect(decision.reason.vi).toContain("1/20 điểm mẫu không như vậy");
    expect(decision.reason.en).toContain("1 of 20 sampled positions are not");
  });

  it("no coordinates (or none finite) → no choice", () => {
    for (const sample of [[], [[Number.NaN, 1]], [[1]]] as Position[][]) {
      expect(decideCrs(none, sample)).toMatchObject({ choice: null, confidence: "unknown" });
    }
    expect(decideCrs(none, []).reason.en).toBe(
      "There are no coordinates to tell the CRS from: please choose one.",
    );
  });

  it("a declaration stands when there is nothing to check it against", () => {
    expect(decideCrs({ kind: "epsg", code: 5897, from: "gpkg" }, [])).toMatchObject({
      choice: xy("EPSG:5897"),
      confidence: "declared",
    });
  });
});
