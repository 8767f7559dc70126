import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { type GeometryKind, validateLayer } from "../../../src/core/validate/validate-layer";
import { formatIssue } from "../../../src/core/validate/validation-issue";
import { parseGeoJsonText } from "../../io/geojson/parse-flat";

const KINDS: GeometryKind[] = ["polygon", "line", "point"];

type Parsed = { features: { geometry: unknown }[] };

/** The issues of a text read flat and read by JSON.parse, for every layer kind: they must match. */
function sameIssues(text: string, label = "text"): number {
  const flat = parseGeoJsonText(text) as Parsed;
  const held = Array.isArray(flat.features)
    ? flat.features.filter((f) => flatCoordinatesOf(f?.geometry)).length
    : 0;
  for (const kind of KINDS) {
    // each kind reads its own copy: a scan that builds arrays would leave the next one nothing flat
    const mine = validateLayer(parseGeoJsonText(text), { file: "a.geojson", kind });
    const theirs = validateLayer(JSON.parse(text), { file: "a.geojson", kind });
    expect(mine.issues.map(formatIssue), `${label} as ${kind}`).toEqual(
      theirs.issues.map(formatIssue),
    );
    expect(mine.collection === null, `${label} as ${kind}`).toBe(theirs.collection === null);
  }
  return held;
}

const fc = (...geometries: unknown[]) =>
  JSON.stringify({
    type: "FeatureCollection",
    features: geometries.map((geometry, i) => ({
      type: "Feature",
      id: i,
      properties: {},
      geometry,
    })),
  });

const square = (x: number, y: number, d = 1) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
const pacific = [
  [179, -10],
  [-179, -10],
  [-179, 10],
  [179, 10],
  [179, -10],
];
/** A ring whose only jump is its closing segment (last position to first). */
const closingJump = [
  [179, 0],
  [179, 1],
  [-179.5, 1],
];

describe("the flat scan says what the arrays scan says", () => {
  it.each([
    ["clean polygons", [{ type: "Polygon", coordinates: [square(105.8, 21)] }]],
    [
      "a hole across the antimeridian",
      [{ type: "Polygon", coordinates: [square(100, 0, 20), pacific] }],
    ],
    [
      "a multipolygon's second part",
      [{ type: "MultiPolygon", coordinates: [[square(105, 21)], [square(100, 0, 20), pacific]] }],
    ],
    ["a closing segment", [{ type: "Polygon", coordinates: [closingJump] }]],
    [
      "out of range",
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [200, 0],
              [1, 1],
              [0, 1],
              [200, 0],
            ],
          ],
        },
      ],
    ],
    [
      "a latitude past the pole",
      [
        {
          type: "LineString",
          coordinates: [
            [0, 91],
            [1, 1],
          ],
        },
      ],
    ],
    [
      "a number too large for a double",
      [
        {
          type: "LineString",
          coordinates: [
            [0, 1],
            [1, 1],
          ],
        },
      ],
    ],
    [
      "a line across",
      [
        {
          type: "LineString",
          coordinates: [
            [179, 0],
            [-179, 0],
            [-178, 1],
          ],
        },
      ],
    ],
    ["a line of one position", [{ type: "LineString", coordinates: [[1, 1]] }]],
    [
      "the second line of many",
      [
        {
          type: "MultiLineString",
          coordinates: [
            [
              [1, 1],
              [2, 2],
            ],
            [
              [3, 3],
              [179, 1],
              [-179, 1],
            ],
          ],
        },
      ],
    ],
    [
      "points far apart",
      [
        {
          type: "MultiPoint",
          coordinates: [
            [179, 1],
            [-179, 1],
          ],
        },
      ],
    ],
    [
      "a short ring",
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [1, 1],
              [2, 2],
              [1, 1],
            ],
          ],
        },
      ],
    ],
    [
      "a type of the wrong depth",
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [
                [1, 1],
                [2, 2],
                [2, 1],
                [1, 1],
              ],
            ],
          ],
        },
      ],
    ],
    [
      "a multipolygon written as a polygon",
      [{ type: "MultiPolygon", coordinates: [square(1, 1)] }],
    ],
  ])("%s", (label, geometries) => {
    const text = fc(...geometries).replace("[0,1],[1,1]]", "[0,1e400],[1,1]]");
    const held = sameIssues(text, label);
    expect(held).toBe(geometries.length);
  });

  it("for every GeoJSON fixture", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return files(path);
        return /\.geojson$/.test(name) ? [path] : [];
      });
    let held = 0;
    for (const file of files("test/fixtures")) {
      const text = readFileSync(file, "utf8");
      try {
        JSON.parse(text);
      } catch {
        continue;
      }
      held += sameIssues(text, file);
    }
    expect(held).toBeGreaterThan(100);
  });
});
