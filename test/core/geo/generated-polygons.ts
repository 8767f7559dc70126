import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * Polygons generated for the scaling tests and `npm run bench` (nothing big is committed). Centred on
 * Hà Nội so that the areas and grids are those of real data.
 */
const CX = 105.85;
const CY = 21.03;

/**
 * A simple star of `vertices` vertices (rounded up to even), counter-clockwise and closed: outer and
 * inner radius alternate. Every edge is a long spoke whose bounding box holds many others, the shape
 * on which indexing edge boxes degrades to all pairs, and a vertical sweep line crosses about half
 * of the spokes at once.
 */
export function starRing(vertices: number, outer = 0.1, inner = 0.05): Position[] {
  const n = 2 * Math.ceil(vertices / 2);
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n;
    const radius = k % 2 === 0 ? outer : inner;
    ring.push([CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

/**
 * A simple, boundary-like ring: a circle of radius 0.1° with a wiggle of many frequencies, so that its
 * edges are short and neighbours only of nearby edges, like a detailed river or district boundary.
 */
export function wiggleRing(vertices: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const radius =
      0.1 *
      (1 +
        0.05 * Math.sin(7 * angle) +
        0.02 * Math.sin(131 * angle + 1) +
        0.01 * Math.sin(1999 * angle));
    ring.push([CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

/**
 * `ring` with a small loop put into its edge k → k + 1 (from A to B): A, P, Q, B where P lies at 0.6
 * and Q at 0.4 of the way, both moved off the edge by a twentieth of the distance between the vertices
 * two apart around it. A → P and Q → B then cross exactly once, at `at`; nothing else changes.
 */
export function plantCrossing(ring: Position[], k: number): { ring: Position[]; at: Position } {
  const a = ring[k] as Position;
  const b = ring[k + 1] as Position;
  const [ax, ay] = a as [number, number];
  const dx = (b[0] as number) - ax;
  const dy = (b[1] as number) - ay;
  // the offset: small against the width of the ring there (vertices two apart: a spike's base)
  const prev = ring[k > 0 ? k - 1 : ring.length - 2] as Position;
  const next = ring[k + 2 < ring.length ? k + 2 : 1] as Position;
  const spacing = Math.min(
    Math.hypot((prev[0] as number) - (b[0] as number), (prev[1] as number) - (b[1] as number)),
    Math.hypot((next[0] as number) - ax, (next[1] as number) - ay),
  );
  const length = Math.hypot(dx, dy);
  const e = spacing / 20 / length;
  // the normal pointing to the right of A → B (outside for a counter-clockwise ring)
  const nx = dy * e;
  const ny = -dx * e;
  const p: Position = [ax + 0.6 * dx + nx, ay + 0.6 * dy + ny];
  const q: Position = [ax + 0.4 * dx + nx, ay + 0.4 * dy + ny];
  // A → P is at height t/0.6 of the offset at t, Q → B at (1 − t)/0.6: equal at t = 0.5
  const at: Position = [ax + 0.5 * dx + (nx * 5) / 6, ay + 0.5 * dy + (ny * 5) / 6];
  const out = [...ring.slice(0, k + 1), p, q, ...ring.slice(k + 1)];
  if (k === 0) out[out.length - 1] = out[0] as Position;
  return { ring: out, at };
}

/** A star polygon of about `vertices` vertices. */
export function starPolygon(vertices: number): Polygon {
  return { type: "Polygon", coordinates: [starRing(vertices)] };
}

/** `count` identical parts (each a square of 0.01°), as one MultiPolygon. */
export function identicalParts(count: number): MultiPolygon {
  const square: Position[] = [
    [CX, CY],
    [CX + 0.01, CY],
    [CX + 0.01, CY + 0.01],
    [CX, CY + 0.01],
    [CX, CY],
  ];
  return { type: "MultiPolygon", coordinates: Array.from({ length: count }, () => [square]) };
}

/** `count` squares of 0.001° on a grid 100 wide, each sharing its edges with its neighbours. */
export function touchingParts(count: number): MultiPolygon {
  const size = 0.001;
  return {
    type: "MultiPolygon",
    coordinates: Array.from({ length: count }, (_, k) => {
      const x = CX + size * (k % 100);
      const y = CY + size * Math.floor(k / 100);
      return [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ];
    }),
  };
}
