import { describe, expect, it } from "vitest";
import { featureId } from "../../../src/core/check/feature-id";
import { type GeometryKind, validateLayer } from "../../../src/core/validate/validate-layer";
import { formatIssue } from "../../../src/core/validate/validation-issue";

const polygon = (ring: unknown) => ({ type: "Polygon", coordinates: [ring] });
const ok = polygon([
  [105.8, 21],
  [105.81, 21],
  [105.81, 21.01],
  [105.8, 21],
]);
const collection = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const feature = (geometry: unknown, id?: string) => ({
  type: "Feature",
  properties: id ? { id } : {},
  geometry,
});
const withId = (id: unknown, geometry: unknown = ok) => ({
  type: "Feature",
  id,
  properties: {},
  geometry,
});

/** The CLI's lines for what the validation refuses; [] when it accepts the layer. */
function problems(value: unknown, kind: GeometryKind = "polygon"): string[] {
  const { collection: accepted, issues } = validateLayer(value, { file: "a.geojson", kind });
  if (accepted) expect(issues).toEqual([]);
  return issues.map(formatIssue);
}

const codes = (value: unknown, kind: GeometryKind = "polygon") =>
  validateLayer(value, { file: "a.geojson", kind }).issues.map((i) => i.code);

describe("validateLayer", () => {
  it("accepts polygons, multipolygons and null geometries in a polygon layer", () => {
    const multi = { type: "MultiPolygon", coordinates: [ok.coordinates] };
    const value = collection(feature(ok), feature(multi), feature(null));
    expect(validateLayer(value, { file: "a.geojson", kind: "polygon" })).toEqual({
      collection: value,
      issues: [],
    });
  });

  it("leaves ring problems to the engine's valid-geometry rule", () => {
    // unclosed, too short, self-intersecting: findings, not bad input
    const bowtie = polygon([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    const short = polygon([
      [0, 0],
      [1, 1],
    ]);
    const open = polygon([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(problems(collection(feature(short), feature(bowtie), feature(open)))).toEqual([]);
  });

  it("refuses what is not a FeatureCollection", () => {
    expect(problems([])[0]).toMatch(/^Lỗi \/ Error: a\.geojson: .*it is array/);
    expect(problems({ type: "Feature" })[0]).toContain(
      "is a Feature; a FeatureCollection is expected",
    );
    expect(problems({ type: "Topology" })[0]).toContain('type "Topology" is not GeoJSON');
    expect(problems({ type: "FeatureCollection" })[0]).toContain("no features array");
  });

  it("names each bad feature by position, count and id", () => {
    const lines = problems(
      collection(
        feature(ok, "A"),
        feature(
          {
            type: "LineString",
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          "B",
        ),
        feature(
          polygon([
            [585000, 2323000],
            [586000, 2323000],
            [585000, 2324000],
          ]),
          "C",
        ),
        { type: "Feature", properties: {}, geometry: polygon([[0, "x"]]) },
        "nonsense",
      ),
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/feature 2\/5 \(features\[1\]; id "B"\).*LineString/);
    expect(lines[1]).toMatch(/feature 3\/5 \(features\[2\]; id "C"\).*outer ring.*VN-2000/);
    expect(lines[2]).toMatch(/feature 4\/5 \(features\[3\]\).*not a number/);
    expect(lines[3]).toMatch(/feature 5\/5.*not a Feature/);
    for (const line of lines)
      expect(line).toMatch(/^Lỗi \/ Error: a\.geojson, đối tượng \/ feature/);
  });

  it("refuses a position whose height or later value is not a finite number", () => {
    const withHeight = (height: unknown) =>
      polygon([
        [105.8, 21, 10],
        [105.81, 21, height],
        [105.81, 21.01, 12],
        [105.8, 21, 10],
      ]);
    expect(problems(collection(feature(withHeight(11))))).toEqual([]);
    for (const height of ["11", Number.NaN, Number.POSITIVE_INFINITY, null]) {
      const lines = problems(collection(feature(withHeight(height), "H")));
      expect(lines, String(height)).toHaveLength(1);
      expect(lines[0]).toMatch(/feature 1\/1 \(features\[0\]; id "H"\)/);
    }
  });

  it("checks the geometry kind of line and point layers", () => {
    const line = feature({
      type: "LineString",
      coordinates: [
        [105.8, 21],
        [105.9, 21],
      ],
    });
    expect(problems(collection(line), "line")).toEqual([]);
    expect(problems(collection(line), "point")[0]).toContain("Point/MultiPoint");
  });

  it("refuses ids that are not a string or a number (RFC 7946), naming the member", () => {
    const lines = problems(
      collection(
        withId({ a: 1 }),
        withId([1, 2]),
        withId(true),
        { type: "Feature", properties: { id: { nested: 1 } }, geometry: ok },
        withId("fine"),
        withId(7),
      ),
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/features\[0\].*id \{"a":1\} is an object; an id must be a string/);
    expect(lines[1]).toMatch(/features\[1\].*id \[1,2\] is an array/);
    expect(lines[2]).toMatch(/features\[2\].*id true is a boolean/);
    expect(lines[3]).toMatch(/features\[3\].*properties\.id \{"nested":1\} is an object/);
  });

  it("refuses duplicate ids, naming both features by index and id", () => {
    const lines = problems(
      collection(withId("Z1"), withId("Z2"), withId("Z1"), withId("Z1"), withId(2), withId("2")),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('feature 3/6 (features[2]; id "Z1")');
    expect(lines[0]).toContain('id "Z1" is also the id of features[0] (id "Z1")');
    expect(lines[1]).toContain("feature 4/6 (features[3]");
    // 2 and "2" are one id once the check writes ids as text
    expect(lines[2]).toContain('feature 6/6 (features[5]; id "2")');
    expect(lines[2]).toContain("also the id of features[4] (id 2)");
  });

  it("refuses a position-based id that equals another feature's id, either way round", () => {
    // features[1] has no id and goes by "1", which features[0] declares
    const first = problems(collection(withId("1"), feature(ok)));
    expect(first).toHaveLength(1);
    expect(first[0]).toContain(
      'has no id, so it goes by its position "1", which is the id of features[0]',
    );
    // features[0] has no id and goes by "0"; features[1] declares "0"
    const second = problems(collection(feature(ok), withId(0)));
    expect(second[0]).toContain("id 0 is what features[0] goes by");
    // without any declared id, positions never collide (the data step's generated layers)
    expect(problems(collection(feature(ok), feature(ok), feature(ok)))).toEqual([]);
  });

  it("refuses segments spanning more than 180° of longitude, telling to split at ±180°", () => {
    const pacific = polygon([
      [179, -10],
      [-179, -10],
      [-179, 60],
      [179, 60],
      [179, -10],
    ]);
    const lines = problems(collection(withId("pacific", pacific)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('(features[0]; id "pacific")');
    expect(lines[0]).toContain("longitude jumps from 179 to -179 between positions 1 → 2");
    expect(lines[0]).toContain("split it into parts at ±180° (RFC 7946 §3.1.9)");
    expect(codes(collection(withId("x", pacific)))).toEqual(["antimeridian"]);
    const road = {
      type: "MultiLineString",
      coordinates: [
        [
          [105.8, 21],
          [105.9, 21],
        ],
        [
          [170, 0],
          [-170, 0],
        ],
      ],
    };
    expect(problems(collection(feature(road)), "line")[0]).toContain("line 2: longitude jumps");
    // the same Pacific area split at the antimeridian is accepted, and so are points
    const east = polygon([
      [179, -10],
      [180, -10],
      [180, 60],
      [179, 60],
      [179, -10],
    ]);
    const west = polygon([
      [-180, -10],
      [-179, -10],
      [-179, 60],
      [-180, 60],
      [-180, -10],
    ]);
    const split = { type: "MultiPolygon", coordinates: [east.coordinates, west.coordinates] };
    expect(problems(collection(feature(split)))).toEqual([]);
    const points = {
      type: "MultiPoint",
      coordinates: [
        [179, 0],
        [-179, 0],
      ],
    };
    expect(problems(collection(feature(points)), "point")).toEqual([]);
  });

  it("quotes hostile values short and on one line", () => {
    const [line] = problems(collection(withId({ long: "x".repeat(10_000), bidi: "\u202e" })));
    expect(line?.length).toBeLessThan(400);
    expect(line).not.toContain("\u202e");
  });

  it("survives values nested a million deep (JSON.stringify would overflow the stack)", () => {
    const deep = JSON.parse(`${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`) as unknown;
    const lines = problems(collection(withId(deep), feature(polygon([[deep, 1]]))));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("id […] is an array");
    expect(lines[1]).toMatch(/features\[1\].*(not a number|nested far too deep)/);
  });

  it("accepts exactly what featureId can tell apart", () => {
    const value = collection(withId("a"), feature(ok, "b"), feature(ok), withId(10));
    expect(problems(value)).toEqual([]);
    const ids = value.features.map((f, i) => featureId(f as never, i));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
