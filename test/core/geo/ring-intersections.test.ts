import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { preparePolygons } from "../../../src/core/check/prepared-geometry";
import {
  findRingIntersections,
  SHARED_SWEEP_VERTICES,
} from "../../../src/core/geo/ring-intersections";
import { plantCrossing, starRing, wiggleRing } from "./generated-polygons";

/** A closed ring from corners in units of 0.001° around 105.8° E, 21° N. */
const ring = (...corners: [number, number][]): Position[] => {
  const out = corners.map(([x, y]) => [105.8 + x / 1000, 21 + y / 1000]);
  return [...out, out[0] as Position];
};
const unit = (p: Position) => [
  Math.round(((p[0] as number) - 105.8) * 1000 * 1e6) / 1e6,
  Math.round(((p[1] as number) - 21) * 1000 * 1e6) / 1e6,
];
const find = (polygons: Position[][][], examples = 10) => {
  const tables = preparePolygons(polygons);
  if (!tables) throw new Error("no ring of three distinct positions");
  return findRingIntersections(tables, { examples });
};
const places = (polygons: Position[][][]) => {
  const found = find(polygons);
  return { count: found.count, points: found.points.map(unit) };
};

type P = [number, number];
const turn = (a: P, b: P, c: P) =>
  Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const within = (a: P, b: P, c: P) =>
  Math.min(a[0], b[0]) <= c[0] &&
  c[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= c[1] &&
  c[1] <= Math.max(a[1], b[1]);
/** Whether segments ab and cd share a point (small integers: exact). */
const meet = (a: P, b: P, c: P, d: P) => {
  const [o1, o2, o3, o4] = [turn(a, b, c), turn(a, b, d), turn(c, d, a), turn(c, d, b)];
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (
    (o1 === 0 && within(a, b, c)) ||
    (o2 === 0 && within(a, b, d)) ||
    (o3 === 0 && within(c, d, a)) ||
    (o4 === 0 && within(c, d, b))
  );
};

const square = ring([0, 0], [10, 0], [10, 10], [0, 10]);

describe("findRingIntersections: one ring", () => {
  it("finds nothing in a square, either way round, or a triangle", () => {
    expect(places([[square]])).toEqual({ count: 0, points: [] });
    expect(places([[[...square].reverse()]])).toEqual({ count: 0, points: [] });
    expect(places([[ring([0, 0], [10, 0], [5, 7])]])).toEqual({ count: 0, points: [] });
  });

  it("finds the crossing of a bow-tie", () => {
    expect(places([[ring([0, 0], [10, 10], [10, 0], [0, 10])]])).toEqual({
      count: 1,
      points: [[5, 5]],
    });
  });

  it("finds a vertex on one of its own edges (self-touching)", () => {
    const touching = ring([0, 0], [6, 0], [6, 6], [4, 6], [3, 0], [2, 6], [0, 6]);
    expect(places([[touching]])).toEqual({ count: 1, points: [[3, 0]] });
  });

  it("finds a vertex visited twice (two loops touching at a point)", () => {
    const eight = ring([0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4]);
    expect(places([[eight]])).toEqual({ count: 1, points: [[2, 2]] });
  });

  it("finds edges running back along each other (a spike), vertical ones too", () => {
    const spike = ring([0, 0], [4, 0], [4, 4], [2, 4], [2, 7], [2, 5], [0, 4]);
    expect(places([[spike]])).toEqual({
      count: 2,
      points: [
        [2, 5],
        [2, 7],
      ],
    });
    const flat = ring([0, 0], [4, 0], [4, 4], [0, 4], [0, 2], [-3, 2], [-1, 2], [0, 1]);
    expect(places([[flat]]).count).toBeGreaterThan(0);
  });

  it("finds crossings of vertical and horizontal edges", () => {
    // bars of a plus sign drawn as one ring: it crosses itself where they meet
    const plus = ring(
      [0, 4],
      [10, 4],
      [10, 6],
      [4, 6],
      [4, 10],
      [6, 10],
      [6, 0],
      [4, 0],
      [4, 4.5],
      [0, 4.5],
    );
    expect(places([[plus]])).toEqual({
      count: 3,
      points: [
        [4, 4],
        [6, 4],
        [6, 6],
      ],
    });
  });

  it("keeps only the examples asked for, and counts them all", () => {
    // a zigzag of 50 edges between y = −1 and 1, closed above: simple
    const zigzag: [number, number][] = [];
    for (let k = 0; k <= 50; k++) zigzag.push([k, k % 2 === 0 ? -1 : 1]);
    expect(find([[ring(...zigzag, [50, 5], [0, 5])]]).count).toBe(0);
    // closed through y = 0 instead: every zigzag edge crosses that edge, and so does the last one
    const found = find([[ring(...zigzag, [51, 0], [-1, 0], [-1, 5], [0, 5])]], 3);
    expect(found.count).toBe(51);
    expect(found.points.map(unit)).toEqual([
      [0, 0],
      [0.5, 0],
      [1.5, 0],
    ]);
  });
});

describe("findRingIntersections: rings of a polygon", () => {
  const hole = ring([2, 2], [2, 8], [8, 8], [8, 2]);

  it("accepts a hole inside its shell, touching it at a point", () => {
    expect(find([[square, hole]])).toMatchObject({ count: 0, holesOutside: [], nestedHoles: [] });
    const touching = ring([0, 5], [5, 8], [5, 2]);
    expect(find([[square, touching]])).toMatchObject({
      count: 0,
      holesOutside: [],
      nestedHoles: [],
    });
  });

  it("finds a hole crossing its shell", () => {
    const crossing = ring([5, 2], [5, 8], [15, 8], [15, 2]);
    expect(places([[square, crossing]])).toEqual({
      count: 2,
      points: [
        [10, 2],
        [10, 8],
      ],
    });
  });

  it("finds a hole running along its shell", () => {
    const along = ring([0, 2], [3, 2], [3, 8], [0, 8]);
    expect(find([[square, along]]).count).toBeGreaterThan(0);
  });

  it("finds a hole outside its shell, touching or not, and reports no place", () => {
    const outside = ring([12, 2], [12, 8], [18, 8], [18, 2]);
    const found = find([[square, outside]]);
    expect(found.count).toBe(0);
    expect(found.holesOutside.map((h) => [h.ring, unit(h.at)])).toEqual([[1, [12, 2]]]);
    const touching = ring([10, 5], [15, 8], [15, 2]);
    expect(find([[square, touching]]).holesOutside.map((h) => h.ring)).toEqual([1]);
    // a hole around the shell is outside it too
    const around = ring([-5, -5], [15, -5], [15, 15], [-5, 15]);
    expect(find([[square, around]]).holesOutside.map((h) => h.ring)).toEqual([1]);
  });

  it("finds a hole inside another hole", () => {
    const inner = ring([4, 4], [6, 4], [6, 6], [4, 6]);
    const found = find([[square, hole, inner]]);
    expect(found).toMatchObject({ count: 0, holesOutside: [] });
    expect(found.nestedHoles.map((h) => h.ring)).toEqual([2]);
    // holes side by side are fine
    const left = ring([1, 1], [4, 1], [4, 9], [1, 9]);
    const right = ring([6, 1], [9, 1], [9, 9], [6, 9]);
    expect(find([[square, left, right]])).toMatchObject({ holesOutside: [], nestedHoles: [] });
  });

  it("tells the parts of a multipolygon apart: crossing is wrong, touching is not", () => {
    const other = ring([5, 5], [15, 5], [15, 15], [5, 15]);
    expect(places([[square], [other]])).toEqual({
      count: 2,
      points: [
        [5, 10],
        [10, 5],
      ],
    });
    const beside = ring([10, 0], [20, 0], [20, 10], [10, 10]);
    expect(find([[square], [beside]]).count).toBe(0);
    const corner = ring([10, 10], [20, 10], [20, 20], [10, 20]);
    expect(find([[square], [corner]]).count).toBe(0);
    // a hole of one part outside its shell, inside another part
    const holed = [
      ring([20, 0], [30, 0], [30, 10], [20, 10]),
      ring([2, 2], [2, 8], [8, 8], [8, 2]),
    ];
    expect(find([[square], holed]).holesOutside.map((h) => h.ring)).toEqual([2]);
  });
});

describe("findRingIntersections: many rings at one point", () => {
  it("accepts a fan of parts touching at their common vertex, and finds two crossing there", () => {
    const fan = Array.from({ length: 8 }, (_, k) => {
      const [a, b] = [(Math.PI * k) / 4, (Math.PI * (k + 0.8)) / 4];
      return [
        ring([0, 0], [10 * Math.cos(a), 10 * Math.sin(a)], [10 * Math.cos(b), 10 * Math.sin(b)]),
      ];
    });
    expect(find(fan).count).toBe(0);
    // one part leaves the point east and west, the other north and south: they cross there
    const across = [ring([-2, 0], [0, 0], [2, 0], [0, -2])];
    const upDown = [ring([0, 2], [0, 0], [0, -3], [3, -3])];
    expect(places([across, upDown]).points).toContainEqual([0, 0]);
  });
});

describe("findRingIntersections: against all pairs", () => {
  /** Proper crossings of non-adjacent edges, by brute force (random rings have no other contact). */
  function bruteCrossings(rings: Position[][]): number {
    const edges: [Position, Position, number, number, number][] = [];
    rings.forEach((r, ri) => {
      const n = r.length - 1;
      for (let k = 0; k < n; k++) edges.push([r[k] as Position, r[k + 1] as Position, ri, k, n]);
    });
    const cross = (a: Position, b: Position, c: Position) =>
      Math.sign(
        ((b[0] as number) - (a[0] as number)) * ((c[1] as number) - (a[1] as number)) -
          ((b[1] as number) - (a[1] as number)) * ((c[0] as number) - (a[0] as number)),
      );
    let count = 0;
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const [a, b, ra, ka, n] = edges[i] as (typeof edges)[number];
        const [c, d, rb, kb] = edges[j] as (typeof edges)[number];
        if (ra === rb && (Math.abs(ka - kb) === 1 || Math.abs(ka - kb) === n - 1)) continue;
        if (cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0) count++;
      }
    }
    return count;
  }

  it("counts every crossing of random rings", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const rings: Position[][] = [];
      const ringCount = 1 + (trial % 3);
      for (let r = 0; r < ringCount; r++) {
        const corners: [number, number][] = [];
        const n = 3 + Math.floor(random() * 12);
        for (let k = 0; k < n; k++) corners.push([random() * 10, random() * 10]);
        rings.push(ring(...corners));
      }
      const found = find([rings], 1000);
      expect(found.count, `trial ${trial}`).toBe(bruteCrossings(rings));
    }
  });
});

describe("findRingIntersections: degenerate rings against all pairs", () => {
  /** OGC simplicity of one ring: neighbours meet only at their vertex, others not at all. */
  const simple = (v: P[]) => {
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const a = v[i] as P;
      const b = v[(i + 1) % n] as P;
      const c = v[(i + 2) % n] as P;
      // neighbours fold back along each other
      if (turn(a, b, c) === 0 && (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]) > 0)
        return false;
      for (let j = i + 2; j < n; j++) {
        if (i === 0 && j === n - 1) continue;
        if (meet(a, b, v[j] as P, v[(j + 1) % n] as P)) return false;
      }
    }
    return true;
  };

  it("agrees with all pairs on rings of a small grid (collinear, touching, repeated vertices)", () => {
    let seed = 777;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * k);
    };
    let invalid = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const corners: P[] = [];
      const n = 3 + random(6);
      for (let k = 0; k < n; k++) {
        const p: P = [random(5), random(5)];
        const last = corners[corners.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) corners.push(p);
      }
      while (corners.length > 1) {
        const [f, l] = [corners[0] as P, corners[corners.length - 1] as P];
        if (f[0] !== l[0] || f[1] !== l[1]) break;
        corners.pop();
      }
      if (corners.length < 3) continue;
      const expected = simple(corners);
      if (!expected) invalid++;
      // whole numbers as they are: scaled to degrees they would no longer be exactly collinear
      const found = find([[[...corners, corners[0] as P]]]);
      expect(found.count === 0, JSON.stringify(corners)).toBe(expected);
    }
    // the grid makes most rings degenerate: both answers are well represented
    expect(invalid).toBeGreaterThan(500);
  });
});

describe("findRingIntersections: where holes lie, against point-in-polygon", () => {
  const inside = (ring: P[], [x, y]: P) => {
    let odd = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as P;
      const [xj, yj] = ring[j] as P;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
    return odd;
  };
  const area = (ring: P[]) =>
    Math.abs(
      ring.reduce((sum, [x, y], i) => {
        const [x2, y2] = ring[(i + 1) % ring.length] as P;
        return sum + x * y2 - x2 * y;
      }, 0),
    );

  it("places holes among random nested and separate diamonds and squares", () => {
    let seed = 4242;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * k);
    };
    let misplaced = 0;
    for (let trial = 0; trial < 400; trial++) {
      // squares and diamonds whose boundaries do not meet: apart or nested
      const rings: P[][] = [];
      const count = 2 + random(6);
      for (let k = 0; k < count; k++) {
        const [cx, cy, size] = [2 * random(16), 2 * random(16), 2 + 2 * random(6)];
        let shape: P[] =
          random(2) === 0
            ? [
                [cx - size / 2, cy - size / 2],
                [cx + size / 2, cy - size / 2],
                [cx + size / 2, cy + size / 2],
                [cx - size / 2, cy + size / 2],
              ]
            : [
                [cx, cy - size / 2],
                [cx + size / 2, cy],
                [cx, cy + size / 2],
                [cx - size / 2, cy],
              ];
        if (random(2) === 0) shape = shape.reverse();
        const start = random(4);
        shape = [...shape.slice(start), ...shape.slice(0, start)];
        const edges = (r: P[]) => r.map((a, i) => [a, r[(i + 1) % r.length] as P] as const);
        const meets = rings.some((other) =>
          edges(other).some(([a, b]) => edges(shape).some(([c, d]) => meet(a, b, c, d))),
        );
        if (!meets) rings.push(shape);
      }
      const found = find([rings.map((r) => [...r, r[0] as P])]);
      expect(found.count).toBe(0);
      const outside: number[] = [];
      const nested: number[] = [];
      for (let h = 1; h < rings.length; h++) {
        const point = (rings[h] as P[])[0] as P;
        const around = rings
          .map((r, k) => ({ k, a: area(r) }))
          .filter(({ k }) => k !== h && inside(rings[k] as P[], point))
          .sort((x, y) => x.a - y.a)[0];
        if (around?.k === 0) continue;
        if (around) nested.push(h);
        else outside.push(h);
      }
      misplaced += outside.length + nested.length;
      expect(
        found.holesOutside.map((x) => x.ring),
        JSON.stringify(rings),
      ).toEqual(outside);
      expect(
        found.nestedHoles.map((x) => x.ring),
        JSON.stringify(rings),
      ).toEqual(nested);
    }
    expect(misplaced).toBeGreaterThan(100);
  });
});

describe("findRingIntersections: sweeps one after another", () => {
  // Sweeps of up to SHARED_SWEEP_VERTICES vertices share their arrays: each must find what it
  // finds alone, whatever was swept before it (a larger polygon, one crossing itself everywhere).
  const zigzag = (edges: number) => {
    const corners: [number, number][] = [];
    for (let k = 0; k <= edges; k++) corners.push([k / 10, k % 2 === 0 ? -1 : 1]);
    corners.push([edges / 10 + 1, 0], [-1, 0], [-1, 5], [0, 5]);
    return [[ring(...corners)]];
  };
  const polygons: Position[][][][] = [
    [[ring([0, 0], [10, 10], [10, 0], [0, 10])]],
    zigzag(3000),
    [[square, ring([12, 2], [12, 8], [18, 8], [18, 2])]],
    [[starRing(SHARED_SWEEP_VERTICES - 2)]],
    [[square, ring([2, 2], [2, 8], [8, 8], [8, 2]), ring([4, 4], [6, 4], [6, 6], [4, 6])]],
    [[plantCrossing(starRing(SHARED_SWEEP_VERTICES + 900), 1000).ring]],
    [[wiggleRing(200)]],
    [[ring([0, 0], [10, 0], [10, 10], [5, 0], [0, 10])]],
  ];
  const swept = (list: Position[][][][]) => list.map((polygon) => find(polygon, 3));

  it("finds the same in any order as each alone", () => {
    const alone = polygons.map((polygon) => swept([polygon])[0]);
    expect(alone.map((f) => f?.count)).toEqual([1, 3001, 0, 0, 0, 1, 0, 1]);
    expect(swept(polygons)).toEqual(alone);
    expect(swept([...polygons].reverse()).reverse()).toEqual(alone);
    // each polygon after each other one
    for (const [i, before] of polygons.entries()) {
      for (const [j, after] of polygons.entries()) {
        expect(swept([before, after])[1], `${j} after ${i}`).toEqual(alone[j]);
      }
    }
  }, 60_000);
});

describe("findRingIntersections: big rings (hang guards, not timings)", () => {
  it("counts 100 000 crossings of one edge and keeps only the examples asked for", () => {
    // a zigzag of 100 000 edges closed through its middle line
    const corners: [number, number][] = [];
    for (let k = 0; k <= 100_000; k++) corners.push([k / 100, k % 2 === 0 ? -0.01 : 0.01]);
    corners.push([1000.01, 0], [-0.01, 0], [-0.01, 0.05], [0, 0.05]);
    const found = find([[ring(...corners)]], 5);
    // every zigzag edge, and the closing edge from (0, 0.05) down to (0, −0.01)
    expect(found.count).toBe(100_001);
    expect(found.points).toHaveLength(5);
  }, 60_000);

  for (const vertices of [20_000, 200_000]) {
    it(`finds nothing in simple rings of ${vertices} vertices, and the one crossing planted`, () => {
      expect(find([[starRing(vertices)]]).count).toBe(0);
      expect(find([[wiggleRing(vertices)]]).count).toBe(0);
      const planted = plantCrossing(starRing(vertices), Math.floor(vertices / 3));
      const found = find([[planted.ring]]);
      expect(found.count).toBe(1);
      // the two edges cross at a small angle: the place is known to about 1e-9° (0.1 mm)
      const [x, y] = found.points[0] as [number, number];
      expect(Math.hypot(x - (planted.at[0] as number), y - (planted.at[1] as number))).toBeLessThan(
        1e-8,
      );
    }, 60_000);
  }
});
