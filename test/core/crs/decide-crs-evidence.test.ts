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

/**
 * The issue's order of evidence, end to end: what the file declares (a .prj, a GeoPackage or
 * FlatGeobuf SRS, a legacy GeoJSON `crs` member) first, then the coordinates' ranges.
 */

const legacyCrs = (name: string): CrsEvidence => {
  const code = epsgCodeFromCrsName(name);
  if (code === null) throw new Error(`${name} must name an EPSG code`);
  return { kind: "epsg", code, from: "geojson-crs" };
};

describe("a declaration comes before the coordinates", () => {
  it.each<[string, CrsEvidence, CrsChoice]>([
    ["a .prj", { kind: "prj", wkt: prj("esri-3405.prj") }, xy("EPSG:3405")],
    ["a GeoPackage SRS code", { kind: "epsg", code: 32648, from: "gpkg" }, xy("EPSG:32648")],
    [
      "a GeoPackage SRS WKT",
      { kind: "wkt", wkt: prj("boundcrs-3405.wkt"), from: "gpkg" },
      xy("EPSG:3405"),
    ],
    ["a FlatGeobuf code", { kind: "epsg", code: 3405, from: "fgb" }, xy("EPSG:3405")],
    ["a GeoJSON crs member", legacyCrs("urn:ogc:def:crs:EPSG::32648"), xy("EPSG:32648")],
  ])("%s settles UTM 48N data that the ranges alone would read as TM-3", (_, evidence, choice) => {
    expect(decideCrs({ kind: "none" }, HANOI_UTM48).choice).toEqual(xy("EPSG:5897"));
    expect(decideCrs(evidence, HANOI_UTM48)).toMatchObject({ choice, confidence: "declared" });
  });
});

describe("a legacy GeoJSON crs member, in the forms files carry", () => {
  it.each([
    ["urn:ogc:def:crs:EPSG::5897", HANOI_EN, xy("EPSG:5897")],
    ["EPSG:5897", HANOI_EN, xy("EPSG:5897")],
    ["http://www.opengis.net/def/crs/EPSG/0/5897", HANOI_EN, xy("EPSG:5897")],
    ["EPSG:4326", HANOI_LONLAT, xy("EPSG:4326")],
    ["urn:ogc:def:crs:OGC:1.3:CRS84", HANOI_LONLAT, xy("EPSG:4326")],
    ["CRS84", HANOI_LONLAT, xy("EPSG:4326")],
  ] as const)("%s → declared %j", (name, sample, choice) => {
    const decision = decideCrs(legacyCrs(name), [...sample]);
    expect(decision).toMatchObject({ choice, confidence: "declared" });
    expect(decision.reason.en).toMatch(/^The GeoJSON "crs" member declares EPSG:\d+: using/);
  });

  it("EPSG:5897 over a northing-first table: swapped, asked, the declared order next", () => {
    const decision = decideCrs(legacyCrs("urn:ogc:def:crs:EPSG::5897"), HANOI_NE);
    expect(decision).toMatchObject({ choice: yx("EPSG:5897"), confidence: "inferred" });
    expect(decision.alternatives[0]).toEqual(xy("EPSG:5897"));
    expect(decision.reason.vi).toContain('Thành phần "crs" của GeoJSON khai báo EPSG:5897');
    expect(decision.reason.vi).toContain("X (bắc) ghi trước Y (đông)");
  });

  it("EPSG:4326 over lat, lon (urn:ogc:def:crs:EPSG::4326 officially means lat first): swapped", () => {
    const decision = decideCrs(legacyCrs("EPSG:4326"), HANOI_LATLON);
    expect(decision).toMatchObject({ choice: yx("EPSG:4326"), confidence: "inferred" });
    expect(decision.reason.en).toContain("Latitude is written before longitude");
  });

  it("EPSG:5897 over lon/lat (a crs member left over from an export): the coordinates win", () => {
    const decision = decideCrs(legacyCrs("EPSG:5897"), HANOI_LONLAT);
    expect(decision).toMatchObject({ choice: xy("EPSG:4326"), confidence: "inferred" });
    expect(decision.alternatives[0]).toEqual(xy("EPSG:5897"));
  });
});

describe("the coordinates, when nothing is declared", () => {
  it("reads 3D positions by their first two numbers", () => {
    const withHeights = HANOI_EN.map(([e, n], i) => [e, n, 10 + i] as Position);
    expect(decideCrs({ kind: "none" }, withHeights).choice).toEqual(xy("EPSG:5897"));
    const latLonHeights = HANOI_LATLON.map(([lat, lon]) => [lat, lon, 5] as Position);
    expect(decideCrs({ kind: "none" }, latLonHeights).choice).toEqual(yx("EPSG:4326"));
  });

  it("offers the other TM-3 zones and UTM 48N on both datums for Hà Nội's window", () => {
    const ids = decideCrs({ kind: "none" }, HANOI_EN).alternatives.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(["EPSG:9208", "EPSG:9209", "EPSG:9210", "EPSG:9211"]),
    );
    expect(ids).toEqual(expect.arrayContaining(["EPSG:3405", "EPSG:32648"]));
  });

  it("cannot tell metres outside Hà Nội: no choice, every TM-3 zone and UTM 48N/49N offered", () => {
    // Đà Nẵng in VN-2000 / UTM 49N (cs2cs EPSG:4326 EPSG:3406: 16.0544 108.2022 → 200445 1777091)
    const daNang: Position[] = [
      [200_445, 1_777_091],
      [201_900, 1_778_300],
    ];
    const decision = decideCrs({ kind: "none" }, daNang);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.alternatives.map((a) => a.id)).toEqual([
      "EPSG:5897",
      "EPSG:3405",
      "EPSG:32648",
      "EPSG:9209",
      "EPSG:9210",
      "EPSG:9208",
      "EPSG:9211",
      "EPSG:3406",
      "EPSG:32649",
    ]);
  });

  it("cannot tell from a declaration it cannot convert over coordinates it cannot place", () => {
    const decision = decideCrs({ kind: "prj", wkt: prj("esri-3857.prj") }, [
      [11_783_000, 2_392_000],
      [11_790_000, 2_400_000],
    ]);
    expect(decision).toMatchObject({ choice: null, confidence: "unknown" });
    expect(decision.reason.en).toContain("this CRS cannot be converted here");
    expect(decision.reason.vi).toContain("hãy chọn hệ toạ độ");
  });
});
