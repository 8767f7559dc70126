import type { Feature, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { proposalFromRead } from "../../../src/core/proposal/index";
import type { ValidationIssue } from "../../../src/core/validate/validation-issue";
import type { ReadResult } from "../../../src/io/format-types";
import { readBytes, readFixture, SOURCE } from "../../io/read-fixtures";

/** A zone 0.02° square at (lon, lat), with `properties`. */
function zone(lon: number, lat: number, properties: Record<string, unknown>): Feature {
  const ring = [
    [lon, lat],
    [lon + 0.02, lat],
    [lon + 0.02, lat + 0.02],
    [lon, lat + 0.02],
    [lon, lat],
  ];
  return { type: "Feature", properties, geometry: { type: "Polygon", coordinates: [ring] } };
}

/** A GeoJSON text of `features`, read through the registry. */
const readZones = (features: unknown[], name = "p.geojson") =>
  readBytes(name, JSON.stringify({ type: "FeatureCollection", features }));

/** The box [minLon, minLat, maxLon, maxLat] of a feature's positions. */
function boxOf(feature: Feature | undefined): number[] {
  const flat = JSON.stringify(((feature as Feature).geometry as Polygon).coordinates)
    .match(/-?[\d.]+(e-?\d+)?/g)
    ?.map(Number) as number[];
  const xs = flat.filter((_, i) => i % 2 === 0);
  const ys = flat.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The source zones' boxes, what each format's reading must come back to. */
const SOURCE_BOXES = SOURCE.features.map(boxOf);

/** Every feature's box within `tolerance` degrees of the source's (0.00001° ≈ 1 m). */
function expectSourcePositions(features: Feature[], tolerance = 1e-5) {
  expect(features).toHaveLength(SOURCE.features.length);
  byId(features).forEach((feature, i) => {
    const box = boxOf(feature);
    box.forEach((value, k) => {
      expect(Math.abs(value - (SOURCE_BOXES[i]?.[k] as number))).toBeLessThanOrEqual(tolerance);
    });
  });
}

/** The lengths of a feature's positions. */
function dimensions(feature: Feature | undefined): Set<number> {
  const lengths = new Set<number>();
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === "number") lengths.add(value.length);
    else for (const item of value) visit(item);
  };
  visit(((feature as Feature).geometry as Polygon).coordinates);
  return lengths;
}

/** Features in the order of their id (a FlatGeobuf's spatial index reorders them). */
const byId = (features: Feature[]) =>
  [...features].sort((a, b) => String(a.properties?.id).localeCompare(String(b.properties?.id)));

const codesOf = (features: Feature[]) => features.map((f) => f.properties?.land_use_code);
const SOURCE_CODES = ["ODT", "TMD", "LUA", "ODT", "SKC"];
const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === "error");

describe("proposalFromRead: CRS, reprojection, land-use attribute per format", () => {
  it("WGS84 GeoJSON: used as it is, ma_dat found by its values and renamed land_use_code", async () => {
    const p = proposalFromRead(await readFixture(["source/zones-wgs84.geojson"]));
    expect(errors(p.issues)).toEqual([]);
    expect(p.crsUsed).toEqual({ id: "EPSG:4326", axis: "xy" });
    expect(p.crs.confidence).toBe("declared");
    expectSourcePositions(p.collection.features, 0);
    expect(p.landUse).toMatchObject({
      attribute: "ma_dat",
      target: "land_use_code",
      matched: 5,
      total: 5,
      chosenBy: "values",
      alternatives: [],
      attributes: ["id", "ma_dat", "ten", "dien_tich"],
    });
    expect(codesOf(p.collection.features)).toEqual(SOURCE_CODES);
    expect(p.collection.features[0]?.properties).not.toHaveProperty("ma_dat");
    expect(p.collection.features[0]?.properties?.ten).toBe("Khu đô thị Tây Hồ");
  });

  it("VN-2000 GeoJSON without a crs member: EPSG:5897 inferred from the ranges, reprojected", async () => {
    const p = proposalFromRead(await readFixture(["geojson/zones-vn2000.geojson"]));
    expect(errors(p.issues)).toEqual([]);
    expect(p.crsUsed).toEqual({ id: "EPSG:5897", axis: "xy" });
    expect(p.crs.confidence).toBe("inferred");
    expect(p.crsReason.en).toMatch(/VN-2000/);
    expect(p.crsReason.vi).toMatch(/VN-2000/);
    expectSourcePositions(p.collection.features);
  });

  it.each([
    ["GeoJSON with crs EPSG:5897", ["geojson/zones-vn2000-crs.geojson"]],
    ["FlatGeobuf in EPSG:5897", ["fgb/zones-vn2000.fgb"]],
    [
      "Shapefile with a VN-2000 .prj",
      ["shp", "shx", "dbf", "prj", "cpg"].map((e) => `shapefile/vn2000/zones.${e}`),
    ],
  ])("%s: declared, reprojected onto the source zones", async (_, paths) => {
    const p = proposalFromRead(await readFixture(paths));
    expect(errors(p.issues)).toEqual([]);
    expect(p.crs.confidence).toBe("declared");
    expect(p.crsUsed?.id).toBe("EPSG:5897");
    expectSourcePositions(p.collection.features);
    expect(codesOf(byId(p.collection.features))).toEqual(SOURCE_CODES);
  });

  it.each([
    ["KML", ["kml/zones.kml"]],
    ["KMZ", ["kmz/zones.kmz"]],
    ["Shapefile zip", ["shapefile/zones-wgs84.zip"]],
    ["GeoPackage", ["gpkg/two-layers.gpkg"]],
    ["FlatGeobuf", ["fgb/zones-wgs84.fgb"]],
    ["NDJSON", ["geojson/zones.ndjson"]],
  ])("%s in WGS84: the source zones and codes", async (_, paths) => {
    const p = proposalFromRead(await readFixture(paths));
    expect(errors(p.issues)).toEqual([]);
    expect(p.crsUsed).toEqual({ id: "EPSG:4326", axis: "xy" });
    expectSourcePositions(p.collection.features);
    expect(codesOf(byId(p.collection.features))).toEqual(SOURCE_CODES);
  });

  it("3D coordinates: accepted, heights dropped and said once", async () => {
    const p = proposalFromRead(await readFixture(["geojson/zones-3d.geojson"]));
    expect(errors(p.issues)).toEqual([]);
    expect(p.issues.map((i) => i.code)).toContain("has-z");
    for (const f of p.collection.features) expect(dimensions(f)).toEqual(new Set([2]));
  });

  it("the caller's CRS overrides the decision, and the reason says so", async () => {
    const read = await readFixture(["geojson/zones-vn2000.geojson"]);
    const p = proposalFromRead(read, { crs: { id: "EPSG:3405", axis: "xy" } });
    expect(p.crsUsed).toEqual({ id: "EPSG:3405", axis: "xy" });
    expect(p.crs.choice?.id).toBe("EPSG:5897");
    expect(p.crsReason.en).toMatch(/^Using EPSG:3405 .* as chosen\. From the file: /);
    expect(p.crsReason.vi).toMatch(/theo lựa chọn của người dùng/);
    // UTM 48N on VN-2000 puts Hà Nội some 700 m away from TM-3 105°: not the source positions
    const [, lat] = boxOf(p.collection.features[0]);
    expect(Math.abs((lat as number) - (SOURCE_BOXES[0]?.[1] as number))).toBeGreaterThan(1e-3);
  });

  it("coordinates no CRS explains: unknown-crs, no features, the alternatives for a chooser", async () => {
    const square = [
      [
        [10, 10],
        [20, 10],
        [20, 20],
        [10, 10],
      ],
    ];
    const read: ReadResult = {
      format: "shapefile",
      file: "x.shp",
      crs: { kind: "none" },
      problems: [],
      collection: {
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { MDSD: "ODT" },
            geometry: {
              type: "Polygon",
              coordinates: square.map((r) =>
                r.map(([x, y]) => [(x as number) * 1e5, (y as number) * 1e5]),
              ),
            },
          },
        ],
      },
    };
    const p = proposalFromRead(read);
    expect(p.crsUsed).toBeNull();
    expect(p.collection.features).toEqual([]);
    expect(p.crs.alternatives.length).toBeGreaterThan(0);
    expect(errors(p.issues)).toMatchObject([{ code: "unknown-crs", featureIndex: null }]);
    expect(errors(p.issues)[0]?.message.en).toMatch(/--crs/);
  });

  it("does not change the read result: the same result read again with other choices", async () => {
    const read = await readFixture(["geojson/zones-vn2000.geojson"]);
    const before = JSON.stringify(read);
    proposalFromRead(read);
    proposalFromRead(read, { crs: { id: "EPSG:5897", axis: "xy" }, landUseAttribute: "id" });
    expect(JSON.stringify(read)).toBe(before);
  });
});

describe("proposalFromRead: the land-use attribute", () => {
  it.each(["land_use_c", "MDSD", "KH_DAT", "LoaiDat"])(
    "%s is found by its values, not by its name",
    async (name) => {
      const read = await readZones([
        zone(105.8, 21, { id: "a", [name]: "ODT", ghi_chu: "khu ở" }),
        zone(105.9, 21, { id: "b", [name]: "LUA", ghi_chu: "DGT?" }),
      ]);
      const p = proposalFromRead(read);
      expect(p.landUse).toMatchObject({ attribute: name, matched: 2, chosenBy: "values" });
      expect(codesOf(p.collection.features)).toEqual(["ODT", "LUA"]);
      expect(p.collection.features[0]?.properties).not.toHaveProperty(name);
    },
  );

  it("the attribute with the most codes wins; the others are alternatives", async () => {
    const read = await readZones([
      zone(105.8, 21, { hien_trang: "LUA", quy_hoach: "ODT" }),
      zone(105.9, 21, { hien_trang: "x", quy_hoach: "TMD" }),
    ]);
    const p = proposalFromRead(read);
    expect(p.landUse.attribute).toBe("quy_hoach");
    expect(p.landUse.alternatives).toEqual([{ attribute: "hien_trang", matched: 1 }]);
  });

  it("the caller's attribute is used instead; one the file lacks is an error with a hint", async () => {
    const read = await readZones([
      zone(105.8, 21, { hien_trang: "LUA", quy_hoach: "ODT" }),
      zone(105.9, 21, { hien_trang: "NTS", quy_hoach: "TMD" }),
    ]);
    const p = proposalFromRead(read, { landUseAttribute: "hien_trang" });
    expect(p.landUse).toMatchObject({ attribute: "hien_trang", chosenBy: "user", matched: 2 });
    expect(codesOf(p.collection.features)).toEqual(["LUA", "NTS"]);
    const wrong = proposalFromRead(read, { landUseAttribute: "hien_trag" });
    expect(wrong.collection.features).toEqual([]);
    expect(errors(wrong.issues)).toMatchObject([{ code: "no-land-use-attribute" }]);
    expect(errors(wrong.issues)[0]?.message.en).toContain('did you mean "hien_trang"?');
  });

  it("no attribute holds codes: a file-level error listing the attributes", async () => {
    const p = proposalFromRead(await readZones([zone(105.8, 21, { ten: "Khu A" })]));
    expect(p.landUse).toMatchObject({ attribute: null, chosenBy: "none", matched: 0 });
    expect(errors(p.issues)).toMatchObject([{ code: "no-land-use-attribute", featureIndex: null }]);
    expect(errors(p.issues)[0]?.message.vi).toContain('"ten"');
    expect(errors(p.issues)[0]?.message.en).toContain("--land-use-attribute");
  });

  it("missing and unknown codes: those features named and left out, tidied ones read and said", async () => {
    const read = await readZones([
      zone(105.8, 21, { id: "a", MDSD: "ODT" }),
      zone(105.8, 21.1, { id: "b", MDSD: "odt " }),
      zone(105.8, 21.2, { id: "c", MDSD: "" }),
      zone(105.8, 21.3, { id: "d", MDSD: "OTD" }),
      zone(105.8, 21.4, { id: "e" }),
      zone(105.8, 21.5, { id: "f", MDSD: "odt " }),
    ]);
    const p = proposalFromRead(read);
    expect(p.collection.features.map((f) => f.properties?.id)).toEqual(["a", "b", "f"]);
    expect(codesOf(p.collection.features)).toEqual(["ODT", "ODT", "ODT"]);
    expect(errors(p.issues).map((i) => [i.featureIndex, i.code])).toEqual([
      [2, "missing-land-use-code"],
      [3, "unknown-land-use-code"],
      [4, "missing-land-use-code"],
    ]);
    expect(errors(p.issues)[1]?.message.en).toContain('"OTD" is not a land-use code');
    expect(errors(p.issues)[1]?.message.en).toContain('did you mean "ODT"?');
    expect(errors(p.issues)[1]?.featureLabel).toBe('id "d"');
    const tidied = p.issues.filter((i) => i.code === "tidied-land-use-code");
    expect(tidied).toMatchObject([{ severity: "warning", featureIndex: null }]);
    expect(tidied[0]?.message.en).toContain(
      '2 feature(s) hold "odt " in "MDSD", read as the code "ODT"',
    );
  });

  it("an attribute named __proto__ is data: found, renamed, no prototype touched", async () => {
    const text = `{"type":"FeatureCollection","features":[${JSON.stringify(zone(105.8, 21, {})).replace('"properties":{}', '"properties":{"__proto__":"ODT"}')}]}`;
    const p = proposalFromRead(await readBytes("p.geojson", text));
    expect(p.landUse.attribute).toBe("__proto__");
    expect(Object.hasOwn(p.collection.features[0]?.properties ?? {}, "land_use_code")).toBe(true);
    expect(codesOf(p.collection.features)).toEqual(["ODT"]);
    expect(({} as Record<string, unknown>).land_use_code).toBeUndefined();
  });
});

describe("proposalFromRead: the proposal's checks", () => {
  it("a line among zones, a bad coordinate: those features left out, the rest kept", async () => {
    const line: Feature = {
      type: "Feature",
      properties: { id: "line", ma: "DGT" },
      geometry: {
        type: "LineString",
        coordinates: [
          [105.8, 21],
          [105.9, 21],
        ],
      },
    };
    const far = zone(105.8, 21, { id: "nan", ma: "ODT" });
    (far.geometry as Polygon).coordinates[0]?.splice(1, 1, [105.8, 95]);
    const read = await readZones([zone(105.8, 21, { id: "ok", ma: "ODT" }), line, far]);
    const p = proposalFromRead(read);
    expect(p.collection.features.map((f) => f.properties?.id)).toEqual(["ok"]);
    expect(errors(p.issues).map((i) => [i.featureIndex, i.code])).toEqual([
      [1, "wrong-geometry-type"],
      [2, "bad-coordinate"],
    ]);
    expect(p.featureCount).toBe(3);
  });

  it("a mixed GeometryCollection: named in file numbers, left out; a feature outside Vietnam too", async () => {
    const mixed = {
      type: "Feature",
      properties: { id: "gc", ma: "ODT" },
      geometry: {
        type: "GeometryCollection",
        geometries: [
          { type: "Point", coordinates: [105.8, 21] },
          zone(105.8, 21, {}).geometry as Polygon,
        ],
      },
    };
    const read = await readZones([
      mixed,
      zone(105.8, 21, { id: "ok", ma: "ODT" }),
      zone(2.35, 48.85, { id: "paris", ma: "ODT" }),
    ]);
    const p = proposalFromRead(read);
    expect(p.collection.features.map((f) => f.properties?.id)).toEqual(["ok"]);
    expect(errors(p.issues).map((i) => [i.featureIndex, i.featureCount, i.code])).toEqual([
      [0, 3, "geometry-collection"],
      [2, 3, "outside-vietnam"],
    ]);
    expect(errors(p.issues)[1]?.message.en).toMatch(
      /^lies outside Vietnam \(longitude, latitude 2\.3500…2\.3700/,
    );
  });

  it("every feature outside Vietnam in the CRS chosen: one file-level error asking for another CRS", async () => {
    const read = await readFixture(["geojson/zones-vn2000.geojson"]);
    const p = proposalFromRead(read, { crs: { id: "EPSG:9211", axis: "yx" } });
    expect(p.collection.features).toEqual([]);
    expect(errors(p.issues)).toMatchObject([{ code: "outside-vietnam", featureIndex: null }]);
    expect(errors(p.issues)[0]?.message.en).toMatch(/no feature lies in Vietnam.*--crs/);
  });

  it("an empty collection, and a file the reader could not read, stop with one error", async () => {
    const empty = proposalFromRead(await readZones([]));
    expect(errors(empty.issues)).toMatchObject([{ code: "empty-collection" }]);
    const junk = proposalFromRead(await readBytes("p.geojson", "\u0000\u0001junk"));
    expect(junk.collection.features).toEqual([]);
    expect(errors(junk.issues)).toHaveLength(1);
    expect(junk.issues.map((i) => i.code)).not.toContain("empty-collection");
  });

  it("a polygon layer's check on another kind: kind point takes points", async () => {
    const read = await readZones([
      {
        type: "Feature",
        properties: { ma: "DGD" },
        geometry: { type: "Point", coordinates: [105.8, 21] },
      },
    ]);
    expect(errors(proposalFromRead(read).issues)).toMatchObject([{ code: "wrong-geometry-type" }]);
    expect(errors(proposalFromRead(read, { kind: "point" }).issues)).toEqual([]);
  });
});
