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
import { conformalPlane } from "./conformal-plane";
import type { Polygons } from "./types";

/** Plane coordinates are integers in these units per metre (0.1 mm). */
const UNITS = 1e4;
/** Vertices this close (plane units, each way) are merged: 0.5 mm. */
const MERGE = 5;
/** Slack (plane units) on "this vertex lies on the circle around that one": rounding of both. */
const ON_CIRCLE = 3;

/** Paths offset alike: polygon rings, or lines (and points) with round ends. */
export type Group = { paths: Position[][]; end: EndType };

/** An input vertex in the plane, with the plane's scale there and its offset (plane units). */
type Anchor = { x: number; y: number; k: number; delta: number };

/**
 * Offsets groups of lon/lat paths by d metres on the ellipsoid and returns the result in lon/lat.
 *
 * Clipper offsets them in a conformal plane around the groups' box centre (`conformalPlane`), each
 * vertex by d times the plane's scale there: exact to first order, and the scale varies so slowly
 * (its log by r / (2 R²) per metre at r from the centre) that what is left across d is below
 * d² · r / (4 R²), 0.03 mm at d = 300 m, r = 50 km.
 *
 * Round joins and caps are drawn to `arcError` either side of the true circle. With `exactArcs`
 * Clipper draws them (vertices on the circle, chords inside), as needed where other offsets may
 * cross them. Otherwise Clipper draws them with vertices `coarseStep` apart, which keeps its union
 * (most of the cost) small, and each such chord is then redrawn: points of the circle around the
 * same input vertex, `arcError` outside it, half a step from either end.
 */
export function offsetInPlane(
  groups: Group[],
  d: number,
  options: { arcError: number; exactArcs: boolean; coarseStep: number },
): Polygons {
  const lines = groups.flatMap((g) => g.paths);
  const [minX, minY, maxX, maxY] = bbox({ type: "MultiLineString", coordinates: lines });
  if (minX > maxX) return [];
  const plane = conformalPlane((minX + maxX) / 2, (minY + maxY) / 2);
  const anchors: Anchor[] = [];
  const toPlane = (p: Position): Point64 => {
    const f = plane.forward(p[0] as number, p[1] as number);
    const x = Math.round(f.x * UNITS);
    const y = Math.round(f.y * UNITS);
    anchors.push({ x, y, k: f.k, delta: d * f.k * UNITS });
    // z carries the anchor through Clipper's copy of the path to the offset callback
    return { x, y, z: anchors.length - 1 };
  };
  const tolerance = options.exactArcs
    ? options.arcError * UNITS
    : d * UNITS * (1 - Math.cos(options.coarseStep / 2));
  const offset = new ClipperOffset(2, tolerance);
  for (const group of groups) {
    const paths = group.paths.map((line, k) => {
      const path = line.map(toPlane);
      // offsetting a polygon needs outer rings one way round and holes the other
      if (group.end === EndType.Polygon && (k === 0) !== Clipper.area(path) > 0) path.reverse();
      return path;
    });
    offset.addPaths(paths, JoinType.Round, group.end);
  }
  offset.deltaCallback = (path, _normals, j) => (anchors[path[j]?.z ?? -1] as Anchor).delta;
  const tree = new PolyTree64();
  // the delta given here only sets how finely caps of single points are drawn
  offset.execute(d * UNITS, tree);

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
        const e = options.arcError * a.k * UNITS;
        const radius = a.delta + e;
        const step = 2 * Math.acos((a.delta - e) / radius);
        const n = Math.ceil(Math.abs(sweep) / step);
        if (n < 2) continue;
        // half a step from either end: those chords start on the circle itself
        for (let j = 0; j < n; j++) {
          const t = from + (sweep * (j + 0.5)) / n;
          out.push({ x: a.x + radius * Math.sin(t), y: a.y + radius * Math.cos(t) });
        }
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
