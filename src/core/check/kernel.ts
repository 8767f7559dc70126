import {
  Clipper,
  Clipper64,
  ClipType,
  FillRule,
  type Path64,
  type Paths64,
  type PolyPath64,
  PolyTree64,
} from "clipper2-ts";
import type { Position } from "geojson";
import type { Polygons } from "./types";

/**
 * Polygon overlay used by the checker. Inputs and outputs are WGS84 lon/lat polygons (parts → rings);
 * outputs follow RFC 7946 winding. A kernel may throw on data it cannot handle: the engine turns that
 * into a "could not be computed" finding.
 */
export type ClipKernel = {
  name: string;
  /**
   * The grid the kernel rounds coordinates to, when fixed: other overlay code rounds to it too, so
   * an answer does not depend on which code computed it.
   */
  grid?: Grid;
  /**
   * a ∩ b. `cutToWindow` hints that one operand is a large reference area (a district) and the
   * other small, so cutting the large one to the small one's bounding box first pays.
   */
  intersection(a: Polygons, b: Polygons, hint?: { cutToWindow?: boolean }): Polygons;
  /** a minus the union of `others` (overlapping `others` are fine). */
  difference(a: Polygons, others: readonly Polygons[]): Polygons;
  /**
   * Where two or more of `parts` lie on top of each other (parts each valid on their own), without
   * intersecting every pair: ten thousand copies of one part are 50 million pairs.
   */
  coveredTwice(parts: readonly Polygons[]): Polygons;
  /**
   * The union of `parts` (overlapping or not; each valid on its own), each square metre once: what
   * a headline area that must not count a place twice measures. A part that meets no other is
   * returned as given.
   */
  union(parts: readonly Polygons[]): Polygons;
};

/** The union U of some parts, the region C they cover twice or more, and their bounds. */
type Cover = {
  union: Paths64;
  twice: Paths64;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
};

/** A coordinate grid: x ↦ round((x − x0) · scale) / scale + x0, the same for y with y0. */
export type Grid = { x0: number; y0: number; scale: number };

/**
 * Grid of the integer kernel: 1e-9 degree (≈ 0.1 mm). Benchmarked on the generator's data, 1e-7
 * left up to 0.5 % area error on small overlaps; 1e-9 agrees with Turf's intersect within 1e-4.
 */
const SCALE = 1e9;
/**
 * Above this many vertices, an operand of an intersection is first cut to the other's bounding box
 * (O(n)), e.g. a city boundary of thousands of vertices against a zone. Not lower: on the bench data
 * cutting the few-hundred-vertex corridor pieces made the cold check phase ~30 % slower.
 */
const RECT_CLIP_VERTICES = 2048;
/**
 * The same for the clip operands of a difference (subject minus several constraints): there the
 * operands are whole areas such as districts around a zone, and cutting them pays from a few hundred
 * vertices (the zoning-within-districts rule ran about 2× faster). Also used for intersections
 * called with `cutToWindow` (a small area against a large reference such as a district).
 */
const RECT_CLIP_DIFFERENCE_VERTICES = 256;

type Converted = {
  paths: Paths64;
  vertices: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
};

/**
 * Clipper2 (integer Vatti clipping) on lon/lat scaled to a 1e-9° grid around an integer-degree origin.
 * Rings are oriented outer-positive, holes-negative on the way in, so the non-zero fill rule reads
 * each feature right and treats overlapping operands as their union. Conversions are cached per input
 * array, so a geometry met in many pairs is converted once.
 *
 * The origin (floored to whole degrees) decides the rounding of every coordinate, so threads that
 * split one input must share it: `prepareChecks` passes one derived from the input. Without it, the
 * first polygon converted sets it, and answers may differ in the 8th digit with the order of work.
 */
export function createClipperKernel(
  options: { origin?: readonly [number, number] } = {},
): ClipKernel {
  let originX = options.origin ? Math.floor(options.origin[0]) : Number.NaN;
  let originY = options.origin ? Math.floor(options.origin[1]) : Number.NaN;
  const cache = new WeakMap<Polygons, Converted>();

  function convert(polygons: Polygons): Converted {
    const hit = cache.get(polygons);
    if (hit) return hit;
    if (Number.isNaN(originX)) {
      const first = polygons[0]?.[0]?.[0];
      originX = Math.floor(first?.[0] ?? 0);
      originY = Math.floor(first?.[1] ?? 0);
    }
    const paths: Paths64 = [];
    let vertices = 0;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const part of polygons) {
      part.forEach((ring, k) => {
        const path = ringPath(ring, originX, originY);
        for (const { x, y } of path) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        if (path.length < 3) return;
        const area = Clipper.area(path);
        if ((k === 0 && area < 0) || (k > 0 && area > 0)) path.reverse();
        vertices += path.length;
        paths.push(path);
      });
    }
    const converted = { paths, vertices, minX, minY, maxX, maxY };
    cache.set(polygons, converted);
    return converted;
  }

  function cut(operand: Converted, window: Converted, minVertices = RECT_CLIP_VERTICES): Paths64 {
    if (operand.vertices < minVertices || operand.vertices < 4 * window.vertices) {
      return operand.paths;
    }
    const m = 16;
    return Clipper.rectClip(
      {
        left: window.minX - m,
        top: window.minY - m,
        right: window.maxX + m,
        bottom: window.maxY + m,
      },
      operand.paths,
    );
  }

  const clipper = new Clipper64();
  function run(
    type: ClipType,
    subject: Paths64,
    clip: Paths64,
    fillRule: FillRule = FillRule.NonZero,
  ): Polygons {
    clipper.clear();
    clipper.addSubject(subject);
    clipper.addClip(clip);
    const tree = new PolyTree64();
    clipper.execute(type, fillRule, tree);
    return treePolygons(tree, originX, originY);
  }

  return {
    name: "clipper2",
    ...(options.origin ? { grid: { x0: originX, y0: originY, scale: SCALE } } : {}),
    intersection(a, b, hint) {
      const ca = convert(a);
      const cb = convert(b);
      if (ca.paths.length === 0 || cb.paths.length === 0) return [];
      const min = hint?.cutToWindow ? RECT_CLIP_DIFFERENCE_VERTICES : RECT_CLIP_VERTICES;
      return run(ClipType.Intersection, cut(ca, cb, min), cut(cb, ca, min));
    },
    difference(a, others) {
      const ca = convert(a);
      if (ca.paths.length === 0) return [];
      const clip: Paths64 = [];
      for (const other of others) {
        for (const path of cut(convert(other), ca, RECT_CLIP_DIFFERENCE_VERTICES)) clip.push(path);
      }
      if (clip.length === 0) return run(ClipType.Union, ca.paths, []);
      return run(ClipType.Difference, ca.paths, clip);
    },
    coveredTwice(parts) {
      const converted = parts.map(convert).filter((c) => c.paths.length > 0);
      // neighbours in the plane merge first: far apart, their boxes settle them without clipping
      converted.sort((a, b) => a.minX + a.maxX - b.minX - b.maxX);
      if (converted.length < 2) return [];
      const cover = coverOf(converted, 0, converted.length);
      return cover.twice.length === 0 ? [] : run(ClipType.Union, cover.twice, []);
    },
    union(parts) {
      const out: Polygons = [];
      const kept = parts.filter((part) => convert(part).paths.length > 0);
      // each cluster of parts whose boxes touch is united on its own: most conflicts of a rule
      // lie apart, and a part alone is its own union (parts are valid on their own)
      for (const cluster of boxClusters(kept, convert)) {
        if (cluster.length === 1) {
          for (const polygon of cluster[0] as Polygons) out.push(polygon);
          continue;
        }
        const converted = cluster.map(convert);
        converted.sort((a, b) => a.minX + a.maxX - b.minX - b.maxX);
        const united = unionOf(converted, 0, converted.length).paths;
        for (const polygon of run(ClipType.Union, united, [])) out.push(polygon);
      }
      return out;
    },
  };

  /**
   * The union of converted[from … to − 1], halves merged like {@link coverOf} (one sweep over
   * thousands of stacked parts costs their square); parts whose boxes are apart are only listed.
   */
  function unionOf(converted: Converted[], from: number, to: number): Converted {
    if (to - from === 1) return converted[from] as Converted;
    const mid = (from + to) >> 1;
    const a = unionOf(converted, from, mid);
    const b = unionOf(converted, mid, to);
    const apart = a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY;
    return {
      paths: apart
        ? [...a.paths, ...b.paths]
        : runPaths([...a.paths, ...b.paths], FillRule.NonZero),
      vertices: a.vertices + b.vertices,
      minX: Math.min(a.minX, b.minX),
      minY: Math.min(a.minY, b.minY),
      maxX: Math.max(a.maxX, b.maxX),
      maxY: Math.max(a.maxY, b.maxY),
    };
  }

  /** Result paths of one operation on `subject` alone (Clipper orients outer rings positive). */
  function runPaths(subject: Paths64, fillRule: FillRule): Paths64 {
    clipper.clear();
    clipper.addSubject(subject);
    const out: Paths64 = [];
    clipper.execute(ClipType.Union, fillRule, out);
    return out;
  }

  /**
   * The cover of converted[from … to − 1], halves merged (a cascaded union). Vatti's sweep keeps
   * the edges crossing its scan line in a list, so one union of all parts costs the square of the
   * parts stacked on one place (ten thousand identical parts took minutes); merged in halves, each
   * step holds only two unions and their double covers.
   */
  function coverOf(converted: Converted[], from: number, to: number): Cover {
    if (to - from === 1) {
      const c = converted[from] as Converted;
      return { union: c.paths, twice: [], minX: c.minX, minY: c.minY, maxX: c.maxX, maxY: c.maxY };
    }
    const mid = (from + to) >> 1;
    const a = coverOf(converted, from, mid);
    const b = coverOf(converted, mid, to);
    const minX = Math.min(a.minX, b.minX);
    const minY = Math.min(a.minY, b.minY);
    const maxX = Math.max(a.maxX, b.maxX);
    const maxY = Math.max(a.maxY, b.maxY);
    if (a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY) {
      return {
        union: [...a.union, ...b.union],
        twice: [...a.twice, ...b.twice],
        minX,
        minY,
        maxX,
        maxY,
      };
    }
    // C = C_a ∪ C_b ∪ (U_a ∩ U_b): with U once, C twice and a clockwise frame (winding −1) around
    // all, exactly the places of C have a positive winding number
    const m = 16;
    const frame: Path64 = [
      { x: minX - m, y: minY - m },
      { x: minX - m, y: maxY + m },
      { x: maxX + m, y: maxY + m },
      { x: maxX + m, y: minY - m },
    ];
    const twice = runPaths(
      [...a.union, ...b.union, ...a.twice, ...a.twice, ...b.twice, ...b.twice, frame],
      FillRule.Positive,
    );
    const union = runPaths([...a.union, ...b.union], FillRule.NonZero);
    return { union, twice, minX, minY, maxX, maxY };
  }
}

/** A bounding box, in the kernel's integer grid. */
type Box = { minX: number; minY: number; maxX: number; maxY: number };

/**
 * The parts grouped so that parts whose bounding boxes meet, directly or through others, are in one
 * group (a sweep over x with union–find): groups far apart need no clipping between them.
 */
function boxClusters<T>(parts: readonly T[], boxOf: (part: T) => Box): T[][] {
  const boxes = parts.map(boxOf);
  const parent = parts.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    parent[i] = r;
    return r;
  };
  const box = (i: number) => boxes[i] as Box;
  const order = [...parts.keys()].sort((a, b) => box(a).minX - box(b).minX);
  let active: number[] = [];
  for (const i of order) {
    const p = box(i);
    active = active.filter((j) => box(j).maxX >= p.minX);
    for (const j of active) {
      const q = box(j);
      if (q.minY <= p.maxY && p.minY <= q.maxY) parent[root(i)] = root(j);
    }
    active.push(i);
  }
  const groups = new Map<number, T[]>();
  parts.forEach((p, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(p);
    else groups.set(r, [p]);
  });
  return [...groups.values()];
}

/**
 * A Clipper path back in lon/lat on the grid around the integer-degree origin (ox, oy), closed and
 * wound as RFC 7946 wants (outer rings counter-clockwise, holes clockwise).
 */
function toRing(path: Path64, outer: boolean, ox: number, oy: number): Position[] {
  const area = Clipper.area(path);
  const ordered = (outer && area < 0) || (!outer && area > 0) ? [...path].reverse() : path;
  const ring = ordered.map((p) => [p.x / SCALE + ox, p.y / SCALE + oy]);
  const first = ring[0];
  if (first) ring.push([first[0] as number, first[1] as number]);
  return ring;
}

/** The polygons of a node of Clipper's result tree (outer ring, its holes, islands in them). */
function collect(node: PolyPath64, out: Polygons, ox: number, oy: number): void {
  if (!node.polygon) return;
  const rings = [toRing(node.polygon, true, ox, oy)];
  for (let i = 0; i < node.count; i++) {
    const hole = node.child(i);
    if (hole.polygon) rings.push(toRing(hole.polygon, false, ox, oy));
    for (let j = 0; j < hole.count; j++) collect(hole.child(j), out, ox, oy);
  }
  out.push(rings);
}

/** The polygons of Clipper's result tree (see `collect`). */
export function treePolygons(tree: PolyTree64, ox: number, oy: number): Polygons {
  const out: Polygons = [];
  for (let i = 0; i < tree.count; i++) collect(tree.child(i), out, ox, oy);
  return out;
}

/**
 * A ring as a Clipper path on the kernel's 1e-9° grid around the integer-degree origin (ox, oy),
 * without its closing position and as wound in the input. Every integer origin gives the same grid.
 */
export function ringPath(ring: Position[], ox: number, oy: number): Path64 {
  const path: Path64 = [];
  const n = ringLength(ring);
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Position;
    path.push({
      x: Math.round(((p[0] as number) - ox) * SCALE),
      y: Math.round(((p[1] as number) - oy) * SCALE),
    });
  }
  return path;
}

/** Number of distinct positions of a ring (a repeated closing position is not counted). */
export function ringLength(ring: Position[]): number {
  const n = ring.length;
  if (n < 2) return n;
  const first = ring[0] as Position;
  const last = ring[n - 1] as Position;
  return first[0] === last[0] && first[1] === last[1] ? n - 1 : n;
}
