import type { Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { isValidPolygon, madeValid, structureFill } from "../../../src/core/check/made-valid";
import {
  areaOf,
  type PreparedGeometry,
  prepareGeometry,
  preparePolygons,
} from "../../../src/core/check/prepared-geometry";
import type { Polygons } from "../../../src/core/check/types";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { findRingIntersections } from "../../../src/core/geo/ring-intersections";
import { parseGeoJsonText } from "../../io/geojson/parse-flat";
import { seededRandom } from "../../support/seeded-random";

/** Positions in units of 0.001° from 105.8° E, 21° N; the ring closed. */
const ring = (...pts: [number, number][]): Position[] => {
  const r = pts.map(([x, y]): Position => [105.8 + x * 0.001, 21 + y * 0.001]);
  r.push(r[0] as Position);
  return r;
};
const square = (x0: number, y0: number, x1: number, y1: number, clockwise = false) => {
  const r = ring([x0, y0], [x1, y0], [x1, y1], [x0, y1]);
  return clockwise ? r.reverse() : r;
};
const relative = (a: number, b: number) => Math.abs(a - b) / b;
const prepared = (polygons: Polygons) => {
  const g = preparePolygons(polygons);
  if (!g) throw new Error("nothing prepared");
  return g;
};

/*
 * Each invalid kind against the same region written validly by hand: what ST_MakeValid(g,
 * 'method=structure') returns for it (the agreement tests compare with PostGIS itself).
 */
const cases: { kind: string; invalid: Polygons; valid: Polygons }[] = [
  {
    kind: "a bow-tie keeps both lobes",
    invalid: [[ring([0, 0], [6, 3], [6, 1], [0, 4])]],
    valid: [[ring([0, 0], [4, 2], [0, 4])], [ring([4, 2], [6, 1], [6, 3])]],
  },
  {
    kind: "a loop counts the square it winds twice once",
    invalid: [[ring([0, 0], [4, 0], [4, 2], [1, 2], [1, 1], [2, 1], [2, 3], [0, 3])]],
    valid: [[ring([0, 0], [4, 0], [4, 2], [2, 2], [2, 3], [0, 3])]],
  },
  {
    kind: "a ring touching itself leaves out what it closes off",
    invalid: [[ring([0, 0], [4, 0], [4, 4], [2, 4], [3, 2], [1, 2], [2, 4], [0, 4])]],
    valid: [[square(0, 0, 4, 4), ring([2, 4], [1, 2], [3, 2])]],
  },
  {
    kind: "a hole meeting nothing of its shell is an island",
    invalid: [[square(0, 0, 4, 4), square(5, 1, 6, 2, true)]],
    valid: [[square(0, 0, 4, 4)], [square(5, 1, 6, 2)]],
  },
  {
    kind: "a hole across its shell cuts out its part inside",
    invalid: [[square(0, 0, 4, 4), square(3, 1, 5, 2, true)]],
    valid: [[ring([0, 0], [4, 0], [4, 1], [3, 1], [3, 2], [4, 2], [4, 4], [0, 4])]],
  },
  {
    kind: "holes inside holes cut out their union",
    invalid: [[square(0, 0, 4, 4), square(1, 1, 3, 3, true), square(1.5, 1.5, 2.5, 2.5, true)]],
    valid: [[square(0, 0, 4, 4), square(1, 1, 3, 3, true)]],
  },
  {
    kind: "overlapping parts are united",
    invalid: [[square(0, 0, 3, 3)], [square(2, 2, 5, 5)]],
    valid: [[ring([0, 0], [3, 0], [3, 2], [5, 2], [5, 5], [2, 5], [2, 3], [0, 3])]],
  },
];

describe("polygons made valid as ST_MakeValid(g, 'method=structure')", () => {
  for (const { kind, invalid, valid } of cases) {
    it(kind, () => {
      expect(isValidPolygon(prepared(invalid))).toBe(false);
      const expected = ellipsoidalArea(valid);
      // within 1e-5: an edge the repair splits at a vertex is two great-circle arcs, not one
      expect(relative(ellipsoidalArea(structureFill(invalid)), expected)).toBeLessThan(1e-5);
      const repaired = madeValid(prepared(invalid));
      expect(relative(repaired ? areaOf(repaired) : 0, expected)).toBeLessThan(1e-5);
    });
  }

  it("leaves a valid polygon as it is: the same object, holes touching the shell at a point too", () => {
    const g = prepared([[square(0, 0, 4, 4), ring([2, 4], [1, 2], [3, 2])], [square(5, 0, 6, 1)]]);
    expect(madeValid(g)).toBe(g);
  });

  it("drops a ring that encloses nothing, and a part with it", () => {
    expect(structureFill([[ring([0, 0], [1, 1], [2, 2], [1, 1])]])).toEqual([]);
    expect(madeValid(prepared([[ring([0, 0], [1, 1], [2, 2], [1, 1])]]))).toBeNull();
  });

  it("returns on a ring running back along itself (clipper2-ts never did, untrimmed)", () => {
    const spiked = [[ring([6, 1], [10, 10], [5, 1], [4, 1], [0, 1], [1, 1])]];
    const triangle = [[ring([6, 1], [10, 10], [5, 1])]];
    expect(ellipsoidalArea(structureFill(spiked))).toBeCloseTo(ellipsoidalArea(triangle), 1);
  });
});

describe("isValidPolygon on a multipolygon read flat", () => {
  const read = (polygons: Polygons) => {
    const text = JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {},
          geometry: { type: "MultiPolygon", coordinates: polygons },
        },
      ],
    });
    return (parseGeoJsonText(text) as { features: { geometry: Geometry }[] }).features[0]
      ?.geometry as Geometry;
  };

  it("decides from the ring tables, building none of the rings as arrays", () => {
    const apart = read([[square(0, 0, 2, 2)], [square(3, 0, 5, 2), square(3.5, 0.5, 4, 1, true)]]);
    const touching = read([[square(0, 0, 2, 2)], [square(2, 0, 4, 2)]]);
    expect(isValidPolygon(prepareGeometry(apart) as PreparedGeometry)).toBe(true);
    expect(isValidPolygon(prepareGeometry(touching) as PreparedGeometry)).toBe(false);
    expect(flatCoordinatesOf(apart)).toBeDefined();
    expect(flatCoordinatesOf(touching)).toBeDefined();
  });
});

describe("isValidPolygon on rings apart, without the sweep", () => {
  /** The verdict of the sweep alone (and of the part-box test before it), as isValidPolygon gave it before the short way. */
  const sweepVerdict = (g: PreparedGeometry) => {
    const boxes: number[][] = [];
    for (let r = 0; r < g.ringStart.length - 1; r++) {
      if (g.ringIsOuter[r] !== 1) continue;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let v = g.ringStart[r] as number; v < (g.ringStart[r + 1] as number); v++) {
        xs.push(g.coords[2 * v] as number);
        ys.push(g.coords[2 * v + 1] as number);
      }
      boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
    const meet = (a: number[], b: number[]) =>
      !((a[2] as number) < (b[0] as number) || (b[2] as number) < (a[0] as number)) &&
      !((a[3] as number) < (b[1] as number) || (b[3] as number) < (a[1] as number));
    if (boxes.some((a, i) => boxes.some((b, j) => j > i && meet(a, b)))) return false;
    const found = findRingIntersections(g, { examples: 0 });
    return found.count === 0 && found.holesOutside.length === 0 && found.nestedHoles.length === 0;
  };

  /** A ring of n vertices around (cx, cy) at radius r, jittered by `random`, clockwise or not. */
  const blob = (
    random: () => number,
    cx: number,
    cy: number,
    r: number,
    n: number,
    cw: boolean,
  ) => {
    const pts: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const a = ((cw ? -1 : 1) * 2 * Math.PI * k) / n;
      const rr = r * (0.6 + 0.8 * random());
      pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
    }
    return ring(...pts);
  };

  it("says what the sweep says for shells with holes in, across, outside, nested and touching", () => {
    const random = seededRandom(11);
    let valid = 0;
    let invalid = 0;
    for (let k = 0; k < 600; k++) {
      const part = (cx: number) => {
        const rings = [blob(random, cx, 0, 4, 6 + Math.floor(random() * 20), false)];
        const holes = Math.floor(random() * 4);
        for (let h = 0; h < holes; h++) {
          const hx = cx + (random() - 0.5) * 10;
          const hy = (random() - 0.5) * 10;
          rings.push(
            blob(random, hx, hy, 0.3 + random() * 1.5, 4 + Math.floor(random() * 8), true),
          );
        }
        return rings;
      };
      const polygons = random() < 0.3 ? [part(0), part(20)] : [part(0)];
      const g = prepared(polygons);
      const verdict = sweepVerdict(g);
      expect(isValidPolygon(g), JSON.stringify(polygons)).toBe(verdict);
      if (verdict) valid++;
      else invalid++;
    }
    expect(valid).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(100);
  });

  it("leaves to the sweep a hole touching its shell, and says no to a hole whose shell was dropped", () => {
    const touching = prepared([[square(0, 0, 4, 4), ring([2, 4], [1, 2], [3, 2])]]);
    expect(isValidPolygon(touching)).toBe(true);
    const outside = prepared([
      [square(0, 0, 4, 4), square(5, 1, 6, 2, true)],
      [square(10, 0, 11, 1)],
    ]);
    expect(isValidPolygon(outside)).toBe(false);
    const nested = prepared([
      [square(0, 0, 4, 4), square(1, 1, 3, 3, true), square(1.5, 1.5, 2.5, 2.5, true)],
      [square(10, 0, 11, 1)],
    ]);
    expect(isValidPolygon(nested)).toBe(false);
    // the shell has two positions: dropped, the hole left alone in its part
    const shellless = prepared([
      [ring([0, 0], [4, 0]), square(1, 1, 2, 2, true)],
      [square(10, 0, 11, 1)],
    ]);
    expect(sweepVerdict(shellless)).toBe(false);
    expect(isValidPolygon(shellless)).toBe(false);
  });
});
