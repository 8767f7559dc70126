import { EndType, type Path64 } from "clipper2-ts";

/** Plane coordinates are integers in these units per metre (0.1 mm). */
export const UNITS = 1e4;

/** An input vertex in the plane, with the plane's scale there and its offset (plane units). */
export type Anchor = { x: number; y: number; k: number; delta: number };

/** A path in the plane as Clipper offsets it; each point's z is its anchor's index. */
export type OffsetPath = { path: Path64; end: EndType };

/**
 * The part of the circle around an anchor that the offset's round join, cap or circle there draws:
 * the angles t from `start` to `start + length` (length ≥ 0), measured clockwise from north (a
 * point of the circle is x + r sin t, y + r cos t), as the redrawing of arcs measures them.
 */
export type Arc = { anchor: number; start: number; length: number };

/** The angle of (x, y) clockwise from north. */
export function angleOf(x: number, y: number): number {
  return Math.atan2(x, y);
}

/**
 * Number of chords that draw `sweep` radians of the anchor's circle within `arcError` metres
 * either side, with points `arcError` outside it (see `pushArcPoints`), and their radius.
 */
export function arcChords(a: Anchor, sweep: number, arcError: number) {
  const e = arcError * a.k * UNITS;
  const radius = a.delta + e;
  const step = 2 * Math.acos((a.delta - e) / radius);
  return { count: Math.ceil(Math.abs(sweep) / step), radius };
}

/**
 * Pushes `count` points of the circle of `radius` around `a` from angle `from` over `sweep`, each
 * half a chord from the next and the ends: with the radius `arcError` over the anchor's offset,
 * chords between them come `arcError` inside the offset at their middle, and the chords from
 * points on the offset at either end start on it.
 */
export function pushArcPoints(
  a: Anchor,
  from: number,
  sweep: number,
  chords: { count: number; radius: number },
  out: { x: number; y: number }[],
): void {
  const { count: n, radius } = chords;
  for (let j = 0; j < n; j++) {
    const t = from + (sweep * (j + 0.5)) / n;
    out.push({ x: a.x + radius * Math.sin(t), y: a.y + radius * Math.cos(t) });
  }
}

/** The path without consecutive repeats (and, for a ring, without a last point equal to the first). */
function distinct(path: Path64, ring: boolean): Path64 {
  const out: Path64 = [];
  for (const p of path) {
    const last = out[out.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (ring && out.length > 1 && first && last && first.x === last.x && first.y === last.y) {
    out.pop();
  }
  return out;
}

/**
 * The arcs the offset of the paths draws at their vertices: at a ring's vertices where it turns
 * left, on its right (outer rings counter-clockwise, holes clockwise: the right is outside the
 * polygon, the only side where the zone's boundary can be); at a line's vertices on the side it
 * turns away from, half circles at its ends; whole circles around points. A reversal (a spike's
 * tip) turns by π, all round the tip.
 */
export function joinArcs(paths: OffsetPath[]): Arc[] {
  const arcs: Arc[] = [];
  for (const { path: raw, end } of paths) {
    const ring = end === EndType.Polygon;
    const path = distinct(raw, ring);
    const n = path.length;
    const anchorOf = (i: number) => (path[i] as { z?: number }).z ?? -1;
    if (n === 1) {
      arcs.push({ anchor: anchorOf(0), start: 0, length: 2 * Math.PI });
      continue;
    }
    const direction = (i: number, j: number) => {
      const p = path[i] as { x: number; y: number };
      const q = path[j] as { x: number; y: number };
      const length = Math.hypot(q.x - p.x, q.y - p.y);
      return { x: (q.x - p.x) / length, y: (q.y - p.y) / length };
    };
    for (let i = 0; i < n; i++) {
      const anchor = anchorOf(i);
      const hasPrev = ring || i > 0;
      const hasNext = ring || i < n - 1;
      if (!hasPrev || !hasNext) {
        // a line's end: the half circle ahead of its last direction (behind its first)
        const w = hasPrev ? direction(i - 1, i) : direction(i + 1, i);
        arcs.push({ anchor, start: angleOf(w.x, w.y) - Math.PI / 2, length: Math.PI });
        continue;
      }
      const u = direction((i - 1 + n) % n, i);
      const v = direction(i, (i + 1) % n);
      let turn = Math.atan2(u.x * v.y - u.y * v.x, u.x * v.x + u.y * v.y);
      if (turn < -Math.PI + 1e-9) turn = Math.PI;
      if (turn > 0) {
        // on the right: from the next segment's right normal (v.y, −v.x), clockwise to the previous one's
        arcs.push({ anchor, start: angleOf(v.y, -v.x), length: turn });
      } else if (!ring && turn < 0) {
        // on the left: from the previous segment's left normal (−u.y, u.x)
        arcs.push({ anchor, start: angleOf(-u.y, u.x), length: -turn });
      }
    }
  }
  return arcs;
}
