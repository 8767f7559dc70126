import {
  Clipper,
  Clipper64,
  ClipperOffset,
  ClipType,
  EndType,
  FillRule,
  JoinType,
  type Path64,
  type Paths64,
  type Point64,
} from "clipper2-ts";
import Flatbush from "flatbush";
import type { Anchor, OffsetPath } from "./buffer-arcs";

/**
 * Vertices offset together at the bottom of the cascade. Measured on the districts (10 km) and a
 * jagged ring of 8 000 vertices (1 km): 16 to 64 all far below one union; fewer pieces cost more
 * Clipper calls, bigger ones let more offsets cross in one sweep.
 */
const PIECE_VERTICES = 32;

/**
 * The union of the paths' offsets by each anchor's delta, with round joins and caps drawn by
 * Clipper to `tolerance` (plane units) inside the circles, built bottom-up instead of in one sweep.
 *
 * Why: Vatti's sweep keeps every edge crossing its scan line in a list, and where the offset is
 * wide against the geometry's detail (10 km around a district, 1 km around a jagged ring) almost
 * every offset crosses every other one: one union of them all took minutes. Cut into runs of a few
 * dozen vertices, each run's offset settles its own crossings, and the halves merged pairwise
 * (a cascaded union) carry only the outlines of what they cover.
 *
 * Rings are cut into open runs buffered on both sides (round caps at the cuts lie within the
 * buffer too), which covers the points near the ring. The rest of the polygon's inside is holes of
 * that union (holes lie d from the rings, so each lies wholly inside the polygon or outside it),
 * filled by leaving them out: not by a union with the polygon, which a spiky one (a scan line
 * through thousands of its edges) made the slowest step.
 */
export function cascadedOffset(
  paths: OffsetPath[],
  anchors: Anchor[],
  tolerance: number,
  delta: number,
): Paths64 {
  const runs: Path64[] = [];
  const rings: Paths64 = [];
  for (const { path, end } of paths) {
    const closed = end === EndType.Polygon && path.length > 2;
    if (closed) rings.push(path);
    const n = path.length;
    const segments = closed ? n : n - 1;
    if (segments <= 0) {
      runs.push(path);
      continue;
    }
    for (let s = 0; s < segments; s += PIECE_VERTICES) {
      const run: Path64 = [];
      const last = Math.min(s + PIECE_VERTICES, segments);
      for (let i = s; i <= last; i++) run.push(path[i % n] as Path64[number]);
      runs.push(run);
    }
  }
  const outline = cascadedUnion(leavesOf(runs, PIECE_VERTICES), (leaf) => {
    const offset = new ClipperOffset(2, tolerance);
    offset.addPaths(leaf, JoinType.Round, EndType.Round);
    offset.deltaCallback = (path, _normals, j) => (anchors[path[j]?.z ?? -1] as Anchor).delta;
    const out: Paths64 = [];
    offset.execute(delta, out);
    return out;
  });
  if (rings.length === 0) return outline;
  const inside = insideTest(rings);
  // Clipper's union gives outer rings a positive area and holes a negative one
  return outline.filter((path) => Clipper.area(path) > 0 || !inside(path[0] as Point64));
}

/** The paths in order, grouped into leaves of at least `size` vertices (the last may have fewer). */
export function leavesOf(paths: Paths64, size: number): Paths64[] {
  const leaves: Paths64[] = [];
  let leaf: Paths64 = [];
  let count = 0;
  for (const path of paths) {
    leaf.push(path);
    count += path.length;
    if (count >= size) {
      leaves.push(leaf);
      leaf = [];
      count = 0;
    }
  }
  if (leaf.length > 0) leaves.push(leaf);
  return leaves;
}

/**
 * The union of the leaves' shapes (`shapeOf` each: paths filled by the non-zero rule), halves
 * merged pairwise: neighbours in the order merge first, and each merge sees only two outlines.
 */
export function cascadedUnion(leaves: Paths64[], shapeOf: (leaf: Paths64) => Paths64): Paths64 {
  const clipper = new Clipper64();
  const merged = (from: number, to: number): Paths64 => {
    if (to - from === 1) return shapeOf(leaves[from] as Paths64);
    const mid = (from + to) >> 1;
    const a = merged(from, mid);
    const b = merged(mid, to);
    clipper.clear();
    clipper.addSubject(a);
    clipper.addSubject(b);
    const out: Paths64 = [];
    clipper.execute(ClipType.Union, FillRule.NonZero, out);
    return out;
  };
  return leaves.length === 0 ? [] : merged(0, leaves.length);
}

/**
 * Whether a point lies inside the polygons of `rings` (even–odd: valid polygons' rings do not
 * cross), by the edges met by a ray to the east, found through an index of the edges' boxes.
 */
function insideTest(rings: Paths64): (p: Point64) => boolean {
  const edges: [Point64, Point64][] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      edges.push([ring[i] as Point64, ring[(i + 1) % ring.length] as Point64]);
    }
  }
  const index = new Flatbush(edges.length);
  for (const [a, b] of edges) {
    index.add(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y));
  }
  index.finish();
  return (p) => {
    let odd = false;
    for (const i of index.search(p.x, p.y, Number.POSITIVE_INFINITY, p.y)) {
      const [a, b] = edges[i] as [Point64, Point64];
      if (a.y > p.y !== b.y > p.y && p.x < a.x + ((p.y - a.y) * (b.x - a.x)) / (b.y - a.y)) {
        odd = !odd;
      }
    }
    return odd;
  };
}
