import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { flatCoordinatesOf, nestedCoordinates } from "../../../src/core/geo/flat-coordinates";
import { extractCoordinates, parseFlatGeoJson } from "../../../src/io/geojson/flat-read";
import { DEFAULT_READ_LIMITS } from "../../../src/io/read-limits";
import { parseGeoJsonText } from "./parse-flat";

const fc = (...geometries: string[]) =>
  `{"type":"FeatureCollection","features":[${geometries
    .map((g, i) => `{"type":"Feature","id":${i},"properties":{"n":${i}},"geometry":${g}}`)
    .join(",")}]}`;

const LINE = '{"type":"LineString","coordinates":[[1,2],[3,4]]}';

type Parsed = { features: { geometry: Record<string, unknown> }[] };

/** Features of a parsed collection whose coordinates are still flat (reading them builds them). */
const flatCount = (value: unknown) =>
  (value as Parsed).features.filter((f) => flatCoordinatesOf(f.geometry)).length;

/**
 * The flat read of `text`, checked against JSON.parse: same value, -0 included. Returns how many
 * of its features were read flat (counted before the comparison builds their arrays).
 */
function sameAsJsonParse(text: string): { value: unknown; flat: number } {
  const value = parseGeoJsonText(text);
  const flat = Array.isArray((value as Parsed).features) ? flatCount(value) : 0;
  const plain = JSON.parse(text);
  expect(JSON.stringify(value)).toBe(JSON.stringify(plain));
  expect(value).toStrictEqual(plain);
  return { value, flat };
}

describe("parseGeoJsonText holds coordinates flat", () => {
  it("reads polygons, multipolygons and lines flat, and builds the same arrays on first read", () => {
    const text = fc(
      '{"type":"Polygon","coordinates":[[[105.8,21.0],[105.9,21.0],[105.9,21.1],[105.8,21.0]]]}',
      '{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]],[[[7,8],[9,10],[11,12],[7,8]],[[0.5,0.25],[0.75,0.5],[0.5,0.75],[0.5,0.25]]]]}',
      '{"type":"LineString","coordinates":[[ 1 , 2 ] ,\n\t[3,4]\r\n]}',
      '{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,10]]]}',
      '{"type":"MultiPoint","coordinates":[[1,2]]}',
    );
    const parsed = parseGeoJsonText(text) as Parsed;
    expect(flatCount(parsed)).toBe(5);
    const flat = flatCoordinatesOf(parsed.features[1]?.geometry);
    expect(flat?.depth).toBe(4);
    expect(flat?.count).toBe(2);
    expect(nestedCoordinates(flat as NonNullable<typeof flat>)).toEqual(
      JSON.parse(text).features[1].geometry.coordinates,
    );
    sameAsJsonParse(text);
  });

  it("keeps `coordinates` an own enumerable property, a plain value once read or set", () => {
    const parsed = parseGeoJsonText(fc('{"type":"LineString","coordinates":[[1,2],[3,4]]}'));
    const geometry = (parsed as Parsed).features[0]?.geometry as Record<string, unknown>;
    expect(Object.keys(geometry)).toEqual(["type", "coordinates"]);
    expect(structuredClone(geometry)).toEqual({
      type: "LineString",
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    expect({ ...geometry }).toEqual({
      type: "LineString",
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    // read once (by the clone): built, kept, no longer flat
    expect(flatCoordinatesOf(geometry)).toBeUndefined();
    const built = geometry.coordinates;
    expect(geometry.coordinates).toBe(built);
    const other = (
      parseGeoJsonText(fc('{"type":"LineString","coordinates":[[1,2],[3,4]]}')) as Parsed
    ).features[0]?.geometry as Record<string, unknown>;
    other.coordinates = [
      [5, 6],
      [7, 8],
    ];
    expect(flatCoordinatesOf(other)).toBeUndefined();
    expect(JSON.stringify(other)).toBe('{"type":"LineString","coordinates":[[5,6],[7,8]]}');
  });

  it("parses every number JSON allows exactly as JSON.parse does", () => {
    const numbers = [
      "0",
      "-0",
      "-0.0",
      "1",
      "-1",
      "0.1",
      "0.3",
      "105.812345678901",
      "21.0000000000001",
      "123456789012345",
      "1234567890123456",
      "12345678901234567890",
      "0.00000000000000000001",
      "1e5",
      "1E5",
      "1e+5",
      "1e-7",
      "-2.5E-3",
      "1.7976931348623157e308",
      "5e-324",
      "1e400",
      "-1e400",
      "2.2250738585072011e-308",
      "9007199254740993",
      "0.1000000000000000055511151231257827",
      "105.81234567890123456789",
    ];
    const positions = numbers.map((n) => `[${n},${n}]`).join(",");
    const { value, flat } = sameAsJsonParse(
      fc(`{"type":"LineString","coordinates":[${positions}]}`),
    );
    expect(flat).toBe(1);
    const values = (value as Parsed).features[0]?.geometry.coordinates as number[][];
    expect(Object.is(values[1]?.[0], -0)).toBe(true);
    expect(values[20]?.[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it("leaves what it does not hold flat to JSON.parse, geometry by geometry", () => {
    const left = [
      '{"type":"Point","coordinates":[105.8,21.0]}', // one deep
      '{"type":"LineString","coordinates":[[1,2,3],[4,5,6]]}', // heights
      '{"type":"LineString","coordinates":[[1],[2,3]]}', // a short position
      '{"type":"LineString","coordinates":[[1,2],[3,"4"]]}', // a string
      '{"type":"LineString","coordinates":[[1,2],[3,null]]}',
      '{"type":"Polygon","coordinates":[]}', // empty
      '{"type":"Polygon","coordinates":[[]]}',
      '{"type":"Polygon","coordinates":[[[1,2],[3,4]],[]]}',
      '{"type":"Polygon","coordinates":[[[1,2],[3,4]],[5,6]]}', // uneven depth
      '{"type":"Polygon","coordinates":[[[1,2],[[3,4]]]]}',
      '{"type":"Polygon","coordinates":[[[[[1,2]]]]]}', // five deep
      '{"type":"Polygon","coordinates":[[[1,2],{"x":1}]]}',
    ];
    const text = fc(...left, '{"type":"LineString","coordinates":[[1,2],[3,4]]}');
    expect(sameAsJsonParse(text).flat).toBe(1);
  });

  it.each([
    ["a leading zero", "[[01,2],[3,4]]"],
    ["a bare dot", "[[1.,2],[3,4]]"],
    ["a leading dot", "[[.5,2],[3,4]]"],
    ["a plus sign", "[[+1,2],[3,4]]"],
    ["an empty exponent", "[[1e,2],[3,4]]"],
    ["a trailing comma", "[[1,2],[3,4],]"],
    ["a double comma", "[[1,2],,[3,4]]"],
    ["a missing comma", "[[1,2] [3,4]]"],
    ["NaN", "[[NaN,2],[3,4]]"],
    ["an unclosed array", "[[1,2],[3,4]"],
  ])("throws as JSON.parse does on %s", (_, coordinates) => {
    const text = fc(`{"type":"LineString","coordinates":${coordinates}}`);
    expect(() => JSON.parse(text)).toThrow();
    expect(() => parseGeoJsonText(text)).toThrow(SyntaxError);
  });

  it("gives JSON.parse's value when `coordinates` is also the name of an attribute", () => {
    const geometry = '{"type":"LineString","coordinates":[[1,2],[3,4]]}';
    const inProperties = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"coordinates":[[9,9],[8,8]]},"geometry":${geometry}}]}`;
    expect(sameAsJsonParse(inProperties).flat).toBe(0);
    const escapedName = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a\\"coordinates":[[9,9],[8,8]]},"geometry":${geometry}}]}`;
    expect(sameAsJsonParse(escapedName).flat).toBe(1);
    const duplicate = fc(
      '{"type":"LineString","coordinates":[[1,2],[3,4]],"coordinates":[[5,6],[7,8]]}',
    );
    sameAsJsonParse(duplicate);
    const inString = fc(
      '{"type":"LineString","note":"\\"coordinates\\":[[1,2],[3,4]]","coordinates":[[1,2],[3,4]]}',
    );
    expect(sameAsJsonParse(inString).flat).toBe(1);
  });

  it("reads a lone feature, a bare geometry and a collection's members flat", () => {
    const line = '{"type":"LineString","coordinates":[[1,2],[3,4]]}';
    sameAsJsonParse(`{"type":"Feature","properties":{},"geometry":${line}}`);
    const bare = parseGeoJsonText(line);
    expect(flatCoordinatesOf(bare)).toBeDefined();
    expect(JSON.stringify(bare)).toBe(line);
    const collection = fc(`{"type":"GeometryCollection","geometries":[${line},${line}]}`);
    sameAsJsonParse(collection);
  });

  it("keeps a geometry's members in their order, an own `__proto__` member kept as a member", () => {
    const text = fc(
      '{"bbox":[1,2,3,4],"type":"LineString","coordinates":[[1,2],[3,4]],"__proto__":{"x":1},"note":"n"}',
    );
    const { value, flat } = sameAsJsonParse(text);
    expect(flat).toBe(1);
    const geometry = (value as Parsed).features[0]?.geometry as Record<string, unknown>;
    expect(Object.keys(geometry)).toEqual(["bbox", "type", "coordinates", "__proto__", "note"]);
    expect(Object.getPrototypeOf(geometry)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(geometry, "__proto__")?.value).toEqual({ x: 1 });
  });

  it("replaces each block by a marker member, and counts the arrays it took out", () => {
    const text = fc(
      '{"type":"LineString","coordinates":[[1,2],[3,4]]}',
      '{"type":"MultiPolygon","coordinates" : [[[[1,2],[3,4],[5,6],[1,2]]]]}',
    );
    const extracted = extractCoordinates(new TextEncoder().encode(text));
    expect(extracted?.blocks).toHaveLength(2);
    // 1 + 2 positions; 1 + 1 polygon + 1 ring + 4 positions
    expect(extracted?.arrays).toBe(10);
    const marker = extracted?.marker as string;
    expect(new TextDecoder().decode(extracted?.reduced)).toBe(
      fc(`{"type":"LineString","${marker}":0}`, `{"type":"MultiPolygon","${marker}":1}`),
    );
  });

  it("leaves a file that holds its marker name to the whole-text read", () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
    try {
      const marker = extractCoordinates(new TextEncoder().encode(fc(LINE)))?.marker as string;
      const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"${marker}":1},"geometry":${LINE}}]}`;
      expect(parseFlatGeoJson(new TextEncoder().encode(text), DEFAULT_READ_LIMITS)).toBeUndefined();
    } finally {
      random.mockRestore();
    }
  });

  it("leaves to the whole-text read what is not UTF-8, nests too deep or holds too many arrays", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const limits = { maxTextDepth: 8, maxTextContainers: 40 };
    expect(parseFlatGeoJson(bytes(fc(LINE)), limits)).toBeDefined();
    const latin1 = bytes(fc(LINE).replace('"n":0', '"n":"Ha Noi"'));
    latin1[latin1.indexOf(0x48)] = 0xc0; // a lone lead byte
    expect(parseFlatGeoJson(latin1, limits)).toBeUndefined();
    // features[0].geometry.coordinates[i][j]: 5 deep in the text, 8 with a MultiPolygon
    const deep = '{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]]]}';
    expect(parseFlatGeoJson(bytes(fc(deep)), { ...limits, maxTextDepth: 7 })).toBeUndefined();
    expect(parseFlatGeoJson(bytes(fc(deep)), limits)).toBeDefined();
    // 2 + 12 × (feature, properties, geometry, 3 arrays of coordinates): 74 containers
    const many = bytes(fc(...Array.from({ length: 12 }, () => LINE)));
    expect(parseFlatGeoJson(many, { ...limits, maxTextContainers: 73 })).toBeUndefined();
    expect(parseFlatGeoJson(many, { ...limits, maxTextContainers: 74 })).toBeDefined();
    // a byte-order mark is no part of the text
    expect(
      parseFlatGeoJson(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes(fc(LINE))), limits),
    ).toBeDefined();
  });
});

/** Every GeoJSON and JSON file of the fixtures (a few hundred files of every shape, good and bad). */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(geo)?json$/.test(name) ? [path] : [];
  });
}

describe("parseGeoJsonText on the fixtures", () => {
  it("gives JSON.parse's value, or its error, for every JSON fixture", () => {
    let flat = 0;
    const files = fixtureFiles("test/fixtures");
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      let plain: unknown;
      try {
        plain = JSON.parse(text);
      } catch {
        expect(() => parseGeoJsonText(text), file).toThrow(SyntaxError);
        continue;
      }
      const value = parseGeoJsonText(text);
      if (Array.isArray((value as Parsed).features)) flat += flatCount(value);
      expect(JSON.stringify(value), file).toBe(JSON.stringify(plain));
    }
    expect(flat).toBeGreaterThan(100);
  });
});

describe("the boxes the reader notes", () => {
  it("hold each list's finite positions, for every list of every fixture read flat", () => {
    let lists = 0;
    for (const file of fixtureFiles("test/fixtures")) {
      let value: unknown;
      try {
        value = parseGeoJsonText(readFileSync(file, "utf8"));
      } catch {
        continue;
      }
      const features = (value as Parsed).features;
      if (!Array.isArray(features)) continue;
      for (const f of features) {
        const flat = flatCoordinatesOf(f.geometry);
        if (!flat) continue;
        const { values, lists: ends, groups, boxes } = flat.store;
        const first = flat.depth === 4 ? (groups[flat.first] as number) : flat.first;
        const end =
          flat.depth === 4 ? (groups[flat.first + flat.count] as number) : flat.first + flat.count;
        for (let j = first; j < end; j++) {
          const box = [Infinity, Infinity, -Infinity, -Infinity];
          for (let i = ends[j] as number; i < (ends[j + 1] as number); i += 2) {
            const x = values[i] as number;
            const y = values[i + 1] as number;
            if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
            box[0] = Math.min(box[0] as number, x);
            box[1] = Math.min(box[1] as number, y);
            box[2] = Math.max(box[2] as number, x);
            box[3] = Math.max(box[3] as number, y);
          }
          const expected = (box[0] as number) <= (box[2] as number) ? box : [NaN, NaN, NaN, NaN];
          expect([...(boxes?.subarray(4 * j, 4 * j + 4) ?? [])], file).toEqual(expected);
          lists++;
        }
      }
    }
    expect(lists).toBeGreaterThan(500);
  });
});
