import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { ReadResult } from "../../src/io/format-types";
import type { SourceFile } from "../../src/io/source-files";
import { fixture, readBytes, readSource } from "./hostile-helpers";

/**
 * Input a careless or hostile user might give (issue 7, "Validation"), read through `readSource`:
 * each ends in a file-level problem (or a feature left out) that names the file and says what is
 * wrong, before it costs minutes or gigabytes. The CLI side is test/cli/check-proposal-hostile.
 */

const SLOW = { timeout: 60_000 };
const errors = (r: ReadResult) => r.problems.filter((p) => p.severity === "error");
const encode = (text: string) => new TextEncoder().encode(text);

const PLACEMARK =
  '<Placemark><name>Z</name><ExtendedData><Data name="ma_dat"><value>ODT</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>105.8,21 105.81,21 105.81,21.01 105.8,21</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n';
/** A KML of placemarks at least `bytes` long. */
const kmlOf = (bytes: number) =>
  `<kml><Document>${PLACEMARK.repeat(Math.ceil(bytes / PLACEMARK.length))}</Document></kml>`;

describe("KML and KMZ", SLOW, () => {
  it("a KML over 16 MiB: refused by its size before its DOM is built", async () => {
    // the old reader parsed it: 20 MiB took 43 s and 1.5 GiB, 200 MiB did not end in 3 minutes
    const r = await readBytes("big.kml", kmlOf(17 * 2 ** 20));
    expect(r.collection.features).toEqual([]);
    expect(errors(r)).toMatchObject([{ file: "big.kml", code: "too-large", featureIndex: null }]);
    expect(errors(r)[0]?.message.en).toContain("over the 16.0 MiB that can be read as KML");
  });

  it("a KMZ whose documents unpack past 16 MiB of KML: refused by their declared size", async () => {
    const kmz = zipSync({ "doc.kml": encode(kmlOf(17 * 2 ** 20)) }, { level: 1 });
    const r = await readBytes("big.kmz", kmz);
    expect(errors(r)).toMatchObject([{ file: "big.kmz", code: "too-large" }]);
    expect(errors(r)[0]?.message.en).toMatch(/KML text is 17\.\d MiB, over the 16\.0 MiB/);
  });

  it("XML entities ('billion laughs', XXE): not expanded, no file read, said as such", async () => {
    const laughs = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY l0 "lol">${laughs}]><kml><Placemark><name>&l9;</name></Placemark></kml>`;
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&x;</name><Point><coordinates>105.8,21</coordinates></Point></Placemark></kml>';
    for (const [name, text, entity] of [
      ["laughs.kml", bomb, "&l9;"],
      ["xxe.kml", xxe, "&x;"],
    ] as const) {
      const r = await readBytes(name, text);
      expect(r.collection.features, name).toEqual([]);
      expect(errors(r), name).toHaveLength(1);
      const { message } = errors(r)[0] as ReadResult["problems"][number];
      // the old message was xmldom's wrapped error: 'Reporting error "entity not found:&x;" caused…'
      expect(message.en).toContain(`uses the XML entity ${entity}`);
      expect(message.en).toContain("entities are not expanded and no other file is read");
      expect(message.en).not.toContain("Reporting error");
      expect(JSON.stringify(r)).not.toContain("root:");
    }
  });

  it("a KML nested 100 000 folders deep: read, no stack overflow", async () => {
    const depth = 100_000;
    const r = await readBytes(
      "deep.kml",
      `<kml>${"<Folder>".repeat(depth)}${PLACEMARK}${"</Folder>".repeat(depth)}</kml>`,
    );
    expect(errors(r)).toEqual([]);
    expect(r.collection.features).toHaveLength(1);
  });

  it("a KMZ with path-traversal names: read from memory only, its links said, not followed", async () => {
    const kml = (link: string) =>
      encode(
        `<kml><Document>${PLACEMARK}<NetworkLink><Link><href>${link}</href></Link></NetworkLink></Document></kml>`,
      );
    const kmz = zipSync({
      "../../../../tmp/evil.kml": kml("../../../../etc/passwd"),
      __proto__: encode("x"),
    });
    const r = await readBytes("traversal.kmz", kmz);
    expect(errors(r)).toEqual([]);
    expect(r.collection.features).toHaveLength(1);
    expect(r.problems.map((p) => p.message.en).join("\n")).toContain(
      "NetworkLinks to other documents (../../../../etc/passwd); those were not read",
    );
  });
});

describe("GeoJSON and NDJSON nested too deep", SLOW, () => {
  it("arrays 10 000 000 deep: refused before parsing, at the place it goes too deep", async () => {
    // the old reader parsed it (17 s, 1 GiB through the CLI) and then said the Point was no polygon
    const depth = 10_000_000;
    const text = `{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":${"[".repeat(depth)}${"]".repeat(depth)}}}]}`;
    const r = await readBytes("deep.geojson", text);
    expect(r.collection.features).toEqual([]);
    expect(errors(r)).toMatchObject([
      { file: "deep.geojson", code: "not-json", featureIndex: null },
    ]);
    expect(errors(r)[0]?.message.en).toContain("is nested more than 256 deep");
    // "[" number 257 of the line: 4 levels above the coordinates, 252 in them
    expect(errors(r)[0]?.message.en).toContain("at line 2, column 328");
  });

  it("more than 25 000 000 arrays and objects: refused before parsing", async () => {
    // the old reader parsed them: 480 MiB of empty arrays did not end in 3 minutes (4 GiB heap)
    const text = `{"type":"FeatureCollection","features":[],"x":[${"[],".repeat(25_000_000)}[]]}`;
    const r = await readBytes("arrays.geojson", text);
    expect(errors(r)).toMatchObject([{ file: "arrays.geojson", code: "too-large" }]);
    expect(errors(r)[0]?.message.en).toContain(
      "holds more than 25000000 JSON arrays and objects, more than can be read in memory",
    );
  });

  it("brackets inside strings do not count; an attribute nested 200 deep is still dropped, said", async () => {
    const text = `{"type":"Feature","properties":{"s":"${"[".repeat(1000)}","a":${"[".repeat(200)}${"]".repeat(200)}},"geometry":null}`;
    const r = await readBytes("strings.geojson", text);
    expect(errors(r)).toEqual([]);
    expect(r.problems[0]).toMatchObject({ code: "deep-value", featureIndex: 0 });
    expect(r.collection.features[0]?.properties).toEqual({ s: "[".repeat(1000) });
  });

  it("NDJSON: a line nested too deep is that feature left out; the others are read", async () => {
    const feature = '{"type":"Feature","properties":{"ma_dat":"ODT"},"geometry":null}';
    const deep = `{"type":"Feature","properties":{"a":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}},"geometry":null}`;
    const r = await readBytes("lines.ndjson", [feature, deep, feature].join("\n"));
    expect(r.collection.features).toHaveLength(2);
    expect(errors(r)).toMatchObject([{ file: "lines.ndjson", code: "not-json", featureIndex: 1 }]);
    expect(errors(r)[0]?.message.en).toContain(
      "nested more than 256 deep (arrays or objects inside each other) at line 2, column 291",
    );
  });
});

describe("Shapefile", SLOW, () => {
  it("a damaged .dbf inside a zip is named with its zip", async () => {
    const parts = ["shp", "shx", "dbf", "prj"].map((e) => fixture(`shapefile/vn2000/zones.${e}`));
    const dbf = parts[2]?.bytes.slice() as Uint8Array;
    new DataView(dbf.buffer).setUint16(8, 0xffff, true); // a header longer than the file
    const zip = zipSync(Object.fromEntries(parts.map((p, i) => [p.name, i === 2 ? dbf : p.bytes])));
    const r = await readBytes("office.zip", zip);
    // the old reader named "zones.dbf" alone: which of the user's files is that?
    expect(errors(r)).toMatchObject([{ file: "office.zip › zones.dbf", featureIndex: null }]);
    expect(errors(r)[0]?.message.en).toContain("the .dbf header is wrong (65535 bytes");
  });

  it("a .dbf whose header lies about its record length: said, not read as cut short", async () => {
    const parts = ["shp", "shx", "dbf", "prj"].map((e) => fixture(`shapefile/vn2000/zones.${e}`));
    const dbf = parts[2]?.bytes.slice() as Uint8Array;
    new DataView(dbf.buffer).setUint16(10, 0xffff, true);
    const r = await readSource([
      ...parts.slice(0, 2),
      { name: "zones.dbf", bytes: dbf },
      parts[3] as SourceFile,
    ]);
    // the old reader warned "declares 5 records but holds 0" and read features without attributes
    expect(r.collection.features).toEqual([]);
    expect(errors(r)).toMatchObject([{ file: "zones.dbf", featureIndex: null }]);
    expect(errors(r)[0]?.message.en).toContain(
      "the .dbf header says its records are 65535 bytes long but its fields take",
    );
  });

  it("a record claiming 2^31 points: that feature left out, the others read", async () => {
    const parts = ["shp", "shx", "dbf", "prj"].map((e) => fixture(`shapefile/vn2000/zones.${e}`));
    const shp = parts[0]?.bytes.slice() as Uint8Array;
    new DataView(shp.buffer).setInt32(100 + 8 + 4 + 32 + 4, 0x7fffffff, true);
    const r = await readSource([{ name: "zones.shp", bytes: shp }, ...parts.slice(1)]);
    expect(r.collection.features).toHaveLength(4);
    expect(errors(r)).toMatchObject([{ file: "zones.shp", featureIndex: 0 }]);
    // the old message was shpjs's "Offset is outside the bounds of the DataView"
    expect(errors(r)[0]?.message.en).toContain(
      "the record declares 2 parts and 2147483647 points but is only 212 bytes long",
    );
  });

  it("a zip holding a zipped Shapefile: the inner zip named, not opened", async () => {
    const inner = fixture("shapefile/zones-wgs84.zip");
    const r = await readBytes("outer.zip", zipSync({ "inner.zip": inner.bytes }));
    expect(errors(r)).toMatchObject([{ file: "outer.zip", code: "missing-part" }]);
    expect(errors(r)[0]?.message.en).toContain("the zip holds another archive (inner.zip)");
  });
});

describe("GeoJSON attribute names that reach prototypes", () => {
  it("__proto__ and constructor stay own properties; Object.prototype is untouched", async () => {
    const zone = (code: string) =>
      `{"type":"Feature","properties":{"__proto__":{"polluted":1},"constructor":"${code}"},"geometry":null}`;
    const r = await readBytes(
      "proto.geojson",
      `{"type":"FeatureCollection","features":[${zone("ODT")},${zone("LUA")}]}`,
    );
    const properties = r.collection.features[0]?.properties as Record<string, unknown>;
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(properties.constructor).toBe("ODT");
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
