import { describe, expect, it } from "vitest";
import { otherLayersNotRead, unknownLayer, ZIP_CONTAINER } from "../../src/io/layer-choice";
import { readFixture } from "./read-fixtures";

/**
 * Files holding several layers (issue 7): the registry says which it holds (`layers`), which it
 * read, how the front end picks another (`pickLayer`), and names the closest to a name it lacks.
 */

const PICK = { vi: "chọn trong danh sách", en: "choose in the list" };
const GPKG = "gpkg/two-different-layers.gpkg";
const ZIP = "shapefile/two-different-layers.zip";

describe("readSource: the layers of a GeoPackage or a zip", () => {
  it("lists every layer, in the file's order, whichever was read", async () => {
    const first = await readFixture([GPKG]);
    expect(first.layers).toEqual(["vung_quy_hoach", "khu_dong_anh"]);
    expect(first.collection.features).toHaveLength(5);
    const second = await readFixture([GPKG], { layer: "khu_dong_anh" });
    expect(second.layers).toEqual(["vung_quy_hoach", "khu_dong_anh"]);
    expect(second.collection.features.map((f) => f.properties?.id)).toEqual(["Z3", "Z4"]);
    const zip = await readFixture([ZIP], { layer: "dong-anh" });
    expect(zip.layers).toEqual(["zones.shp", "dong-anh.shp"]);
    expect(zip.collection.features).toHaveLength(2);
    // one layer: a zip of one Shapefile still says its name; other formats hold no layers
    expect((await readFixture(["shapefile/zones-wgs84.zip"])).layers).toEqual(["zones.shp"]);
    expect((await readFixture(["fgb/zones-wgs84.fgb"])).layers).toBeUndefined();
  });

  it("the warning names the layer read by its name, the others, and how to pick (pickLayer)", async () => {
    const zip = await readFixture([ZIP], { pickLayer: PICK });
    const warning = zip.problems.find((p) => p.code === "several-layers");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message.en).toBe(
      "the zip holds 2 layers; zones.shp was read; not read: dong-anh.shp; choose in the list",
    );
    expect(warning?.message.vi).toBe(
      "tệp zip có 2 lớp; đã đọc lớp zones.shp; chưa đọc: dong-anh.shp; chọn trong danh sách",
    );
  });

  it("a layer chosen: no warning about the others (a zip warned even then)", async () => {
    for (const [path, layer] of [
      [ZIP, "dong-anh.shp"],
      [GPKG, "khu_dong_anh"],
    ] as const) {
      const r = await readFixture([path], { layer });
      expect(r.problems.map((p) => p.code)).not.toContain("several-layers");
    }
  });

  it("a name it lacks: an error listing its layers, the closest named", async () => {
    const gpkg = await readFixture([GPKG], { layer: "vung_quy_hoac", pickLayer: PICK });
    expect(gpkg.collection.features).toEqual([]);
    expect(gpkg.problems).toHaveLength(1);
    expect(gpkg.problems[0]).toMatchObject({ code: "several-layers", severity: "error" });
    expect(gpkg.problems[0]?.message.en).toBe(
      'the GeoPackage has no layer "vung_quy_hoac" (did you mean "vung_quy_hoach"?); its layers: vung_quy_hoach, khu_dong_anh; choose in the list',
    );
    const zip = await readFixture([ZIP], { layer: "zone" });
    expect(zip.problems[0]?.message.vi).toBe(
      'tệp zip không có lớp "zone" (có phải "zones"?); các lớp có: zones.shp, dong-anh.shp',
    );
  });
});

describe("layer messages: text from the file stays one bounded line", () => {
  it("escapes names and lists at most 20, the rest counted", () => {
    const many = Array.from({ length: 25 }, (_, i) => `lop_${i}`);
    const message = otherLayersNotRead(ZIP_CONTAINER, "a\nb.shp", many, undefined);
    expect(message.en).toContain("a\\nb.shp was read");
    expect(message.en).toContain("lop_19 and 5 more");
    expect(message.vi).toContain("lop_19 và 5 lớp khác");
    expect(message.en).not.toContain("lop_20");
    const unknown = unknownLayer(ZIP_CONTAINER, "x\u202e", many, undefined);
    expect(unknown.en).toContain('no layer "x\\u202e"');
    expect(unknown.en).toContain("and 5 more");
  });
});
