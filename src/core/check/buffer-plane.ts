import { bbox } from "@turf/turf";
import {
  Clipper,
  ClipperOffset,
  EndType,
  JoinType,
  type Path64,
  type Point64,
  type PolyPath64,
  PolyTree64,
} from "clipper2-ts";
import Flatbush from "flatbush";
import type { Position } from "geojson";
import {
  type Anchor,
  arcChords,
  joinArcs,
  type OffsetPath,
  pushArcPoints,
  UNITS,
} from "./buffer-arcs";
import { cascadedOffset } from "./buffer-cascade";
import { withExactArcs } from "./buffer-exact-arcs";
import { conformalPlane } from "./conformal-plane";
import type { Polygons } from "./types";

/** Vertices this close (plane units, each way) are merged: 0.5 mm. */
const MERGE = 5;
/** Slack (plane units) on "this vertex lies on the circle around that one": rounding of both. */
const ON_CIRCLE = 3;
/**
 * Above this many points of exact round joins (as `arcChords` counts them, buried ones too), the
 * union is built coarse and bottom-up and the arcs drawn exactly only where they can be on its
 * outline (`cascadedOffset`, `withExactArcs`). Measured on the 30 districts: at 300 m (5 000 to
 * 21 000 points each) one sweep took 1.0 s for all and bottom-up 1.9 s; at 1 km (3 000 to 38 000)
 * about even; at 3 km (6 000 to 66 000) 5.1 s against 1.9 s; at 10 km 50 s against 3 s.
 */
const ONE_SWEEP_ARC_POINTS = 30_000;
/**
 * Angle between the coarse round-join vertices of the bottom-up union: their chords come within
 * d (1 − cos(step / 2)) of the circles (12 m at 10 km), the strip where arcs are drawn again.
 */
const CASCADE_COARSE_STEP = Math.PI / 32;

/** How round joins are drawn: within `arcError` metres; and, for tests, which way. */
export type BufferOptions = {
  arcError: number;
  /** Most points of exact round joins drawn in one sweep (default: `ONE_SWEEP_ARC_POINTS`). */
  oneSweepArcPoints?: number;
};

/** Paths offset alike: polygon rings, or lines (and points) with round ends. */
export type Group = { paths: Position[][]; end: EndType };

/**
 * Offsets groups of lon/lat paths by d metres on the ellipsoid and returns the result in lon/lat.
 *
 * Clipper offsets them in a conformal plane around the groups' box centre (`conformalPlane`): each
 * vertex stands for the plane's image of the geodesic circle of radius d around it, a circle whose
 * centre and radius the plane gives (`circle`: the scale at the vertex alone, d · k, was 31 mm off
 * at d = 10 km, 50 km from the plane's centre).
 *
 * Round joins and caps are drawn to `arcError` either side of the true circle. With `exactArcs`
 * Clipper draws them (vertices on the circle, chords inside), as needed where other offsets may
 * cross them; where that would be many points, wide against the detail of the geometry, the union
 * is built coarse and bottom-up, then the arcs are drawn where they can be on its outline
 * (`cascadedOffset`, `withExactArcs`). Otherwise Clipper draws them with vertices `coarseStep`
 * apart, which keeps its union (most of the cost) small, and each such chord is then redrawn:
 * points of the circle around the same input vertex, `arcError` outside it, half a step from
 * either end.
 */
export function offsetInPlane(
  groups: Group[],
  d: number,
  options: BufferOptions & { exactArcs: boolean; coarseStep: number },
): Polygons {
  const lines = groups.flatMap((g) => g.paths);
  const [minX, minY, maxX, maxY] = bbox({ type: "MultiLineString", coordinates: lines });
  if (minX > maxX) return [];
  const plane = conformalPlane((minX + maxX) / 2, (minY + maxY) / 2);
  const anchors: Anchor[] = [];
  const toPlane = (p: Position): Point64 => {
    const f = plane.forward(p[0] as number, p[1] as number);
    // the vertex stands in for its circle's centre, slightly off the vertex's own image
    const c = plane.circle(f.x, f.y, f.k, d);
    const x = Math.round(c.x * UNITS);
    const y = Math.round(c.y * UNITS);
    anchors.push({ x, y, k: f.k, delta: c.r * UNITS });
    // z carries the anchor through Clipper's copy of the path to the offset callback
    return { x, y, z: anchors.length - 1 };
  };
  const planar = groups.map((group) => ({
    end: group.end,
    paths: group.paths.map((line, k) => {
      const path = line.map(toPlane);
      // offsetting a polygon needs outer rings one way round and holes the other
      if (group.end === EndType.Polygon && (k === 0) !== Clipper.area(path) > 0) path.reverse();
      return path;
    }),
  }));
  const inputs: OffsetPath[] = planar.flatMap((g) => g.paths.map((path) => ({ path, end: g.end })));
  const tree =
    (options.exactArcs ? bottomUp(inputs, anchors, d, options) : null) ??
    offsetOnce(planar, anchors, d, options);

  const redraw = options.exactArcs ? null : arcRedrawer(anchors, options);
  const toLonLat = (path: Path64): Position[] => {
    const plain: { x: number; y: number }[] = merged(path);
    const points = redraw ? redraw(plain) : plain;
    const ring = points.map((q): Position => plane.inverse(q.x / UNITS, q.y / UNITS));
    const first = ring[0];
    if (first) ring.push([first[0] as number, first[1] as number]);
    return ring;
  };
  const out: Polygons = [];
  const collect = (node: PolyPath64): void => {
    if (!node.polygon) return;
    const rings = [toLonLat(node.polygon)];
    for (let i = 0; i < node.count; i++) {
      const hole = node.child(i);
      if (hole.polygon) rings.push(toLonLat(hole.polygon));
      for (let j = 0; j < hole.count; j++) collect(hole.child(j));
    }
    out.push(rings);
  };
  for (let i = 0; i < tree.count; i++) collect(tree.child(i));
  return out;
}

/**
 * The offset with exact round joins built bottom-up (`cascadedOffset`, `withExactArcs`) when one
 * sweep would draw more than `oneSweepArcPoints` points of them; null when one sweep is quicker.
 */
function bottomUp(
  inputs: OffsetPath[],
  anchors: Anchor[],
  d: number,
  options: BufferOptions,
): PolyTree64 | null {
  const arcs = joinArcs(inputs);
  let points = 0;
  for (const arc of arcs) {
    const a = anchors[arc.anchor];
    if (a) points += arcChords(a, arc.length, options.arcError).count;
  }
  if (points <= (options.oneSweepArcPoints ?? ONE_SWEEP_ARC_POINTS)) return null;
  const coarse = d * UNITS * (1 - Math.cos(CASCADE_COARSE_STEP / 2));
  const union = cascadedOffset(inputs, anchors, coarse, d * UNITS);
  // Clipper's chords come `coarse` inside the circles (a point's circle is drawn in steps set by
  // d, not by its own radius: 1 % covers the difference), each point rounded to the grid
  const margin = coarse * 1.01 + 2 * ON_CIRCLE;
  return withExactArcs(union, arcs, anchors, { margin, arcError: options.arcError });
}

/** The offset of the paths in one Clipper sweep, round joins exact or coarse (see `offsetInPlane`). */
function offsetOnce(
  groups: { paths: Path64[]; end: EndType }[],
  anchors: Anchor[],
  d: number,
  options: { arcError: number; exactArcs: boolean; coarseStep: number },
): PolyTree64 {
  const tolerance = options.exactArcs
    ? options.arcError * UNITS
    : d * UNITS * (1 - Math.cos(options.coarseStep / 2));
  const offset = new ClipperOffset(2, tolerance);
  // one group per polygon: Clipper orients a group by its outer ring (holes then shrink)
  for (const { paths, end } of groups) offset.addPaths(paths, JoinType.Round, end);
  offset.deltaCallback = (path, _normals, j) => (anchors[path[j]?.z ?? -1] as Anchor).delta;
  const tree = new PolyTree64();
  // the delta given here only sets how finely caps of single points are drawn
  offset.execute(d * UNITS, tree);
  return tree;
}

/**
 * Returns a function redrawing a ring's coarse round joins: each edge whose ends both lie on the
 * circle around the same input vertex, a short arc apart, gets points of that circle instead.
 */
function arcRedrawer(anchors: Anchor[], options: { arcError: number; coarseStep: number }) {
  const index = new Flatbush(anchors.length);
  for (const a of anchors) index.add(a.x, a.y, a.x, a.y);
  index.finish();
  const reach = anchors.reduce((m, a) => Math.max(m, a.delta), 0) + ON_CIRCLE;
  const centresOf = (p: { x: number; y: number }): number[] =>
    index.search(p.x - reach, p.y - reach, p.x + reach, p.y + reach).filter((k) => {
      const a = anchors[k] as Anchor;
      return Math.abs(Math.hypot(p.x - a.x, p.y - a.y) - a.delta) <= ON_CIRCLE;
    });
  return (ring: { x: number; y: number }[]) => {
    const out: { x: number; y: number }[] = [];
    let next = ring.length > 0 ? centresOf(ring[0] as { x: number; y: number }) : [];
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i] as { x: number; y: number };
      const q = ring[(i + 1) % ring.length] as { x: number; y: number };
      const here = next;
      next = centresOf(q);
      out.push(p);
      for (const k of here) {
        if (!next.includes(k)) continue;
        const a = anchors[k] as Anchor;
        const from = Math.atan2(p.x - a.x, p.y - a.y);
        let sweep = Math.atan2(q.x - a.x, q.y - a.y) - from;
        if (sweep > Math.PI) sweep -= 2 * Math.PI;
        if (sweep < -Math.PI) sweep += 2 * Math.PI;
        if (Math.abs(sweep) > 1.5 * options.coarseStep) continue;
        // points e outside the circle, so chords between them come e inside it at their middle
        const chords = arcChords(a, sweep, options.arcError);
        if (chords.count < 2) continue;
        // half a step from either end: those chords start on the circle itself
        pushArcPoints(a, from, sweep, chords, out);
        break;
      }
    }
    return out;
  };
}

/**
 * The path with vertices closer than MERGE to the previous one replaced by their midpoint. Round
 * joins where a line barely turns leave such pairs (both at d from the vertex: their midpoint is
 * too, to a few nanometres); the overlay treats edges that close as meeting.
 */
function merged(path: Path64): Path64 {
  const out: Path64 = [];
  for (const q of path) {
    const last = out[out.length - 1];
    if (last && Math.abs(q.x - last.x) <= MERGE && Math.abs(q.y - last.y) <= MERGE) {
      out[out.length - 1] = {
        x: Math.round((q.x + last.x) / 2),
        y: Math.round((q.y + last.y) / 2),
      };
    } else out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  const wraps =
    out.length > 1 &&
    first &&
    last &&
    Math.abs(first.x - last.x) <= MERGE &&
    Math.abs(first.y - last.y) <= MERGE;
  if (wraps) out.pop();
  return out.length >= 3 ? out : path;
}
