import {
  Clipper,
  Clipper64,
  ClipType,
  FillRule,
  type Path64,
  type Paths64,
  PolyTree64,
} from "clipper2-ts";
import Flatbush from "flatbush";
import { type Anchor, type Arc, angleOf, arcChords, pushArcPoints, UNITS } from "./buffer-arcs";
import { cascadedUnion, leavesOf } from "./buffer-cascade";
import { pointSegment } from "./local-metric";

const TWO_PI = 2 * Math.PI;

/** Edges of a union's outline, indexed by their boxes. */
type Outline = { index: Flatbush | null; ax: number[]; ay: number[]; bx: number[]; by: number[] };

function outlineOf(paths: Paths64): Outline {
  const ax: number[] = [];
  const ay: number[] = [];
  const bx: number[] = [];
  const by: number[] = [];
  for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      const p = path[i] as Path64[number];
      const q = path[(i + 1) % path.length] as Path64[number];
      ax.push(p.x);
      ay.push(p.y);
      bx.push(q.x);
      by.push(q.y);
    }
  }
  if (ax.length === 0) return { index: null, ax, ay, bx, by };
  const index = new Flatbush(ax.length);
  for (let i = 0; i < ax.length; i++) {
    index.add(
      Math.min(ax[i] as number, bx[i] as number),
      Math.min(ay[i] as number, by[i] as number),
      Math.max(ax[i] as number, bx[i] as number),
      Math.max(ay[i] as number, by[i] as number),
    );
  }
  index.finish();
  return { index, ax, ay, bx, by };
}

/**
 * The parts of an arc (offsets from its start, merged, ascending) that may lie within `margin` of
 * the outline: for each outline edge that comes within `margin` of the circle, the angles under
 * which the anchor sees the edge's `margin`-neighbourhood (a capsule: the hull of the discs at its
 * ends), a superset of the angles where the circle comes that close.
 */
function nearParts(arc: Arc, a: Anchor, outline: Outline, margin: number): [number, number][] {
  const index = outline.index;
  if (!index) return [];
  const reach = a.delta + margin;
  // the outline keeps d − margin from every anchor: those within reach lie near the circle (a
  // square's corners would add thousands more where the outline is dense)
  const near = index.neighbors(a.x, a.y, Number.POSITIVE_INFINITY, reach);
  if (near.length === 0) return [];
  const parts: [number, number][] = [];
  const clip = (lo: number, width: number) => {
    if (width >= TWO_PI) {
      parts.push([0, arc.length]);
      return;
    }
    const s = (((lo - arc.start) % TWO_PI) + TWO_PI) % TWO_PI;
    if (s <= arc.length) parts.push([s, Math.min(arc.length, s + width)]);
    // the part wrapping past 2π comes back before the arc's start
    if (s + width > TWO_PI) parts.push([0, Math.min(arc.length, s + width - TWO_PI)]);
  };
  const { ax, ay, bx, by } = outline;
  for (const i of near) {
    const px = (ax[i] as number) - a.x;
    const py = (ay[i] as number) - a.y;
    const qx = (bx[i] as number) - a.x;
    const qy = (by[i] as number) - a.y;
    const rp = Math.hypot(px, py);
    const rq = Math.hypot(qx, qy);
    if (Math.max(rp, rq) < a.delta - margin) continue;
    if (pointSegment(0, 0, px, py, qx, qy) > reach) continue;
    if (rp <= margin || rq <= margin) {
      clip(0, TWO_PI);
      continue;
    }
    const tp = angleOf(px, py);
    let span = angleOf(qx, qy) - tp;
    if (span > Math.PI) span -= TWO_PI;
    if (span < -Math.PI) span += TWO_PI;
    const wp = Math.asin(margin / rp);
    const wq = Math.asin(margin / rq);
    const lo = Math.min(tp - wp, tp + span - wq);
    const hi = Math.max(tp + wp, tp + span + wq);
    clip(lo, hi - lo);
  }
  parts.sort((p, q) => p[0] - q[0]);
  const merged: [number, number][] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && part[0] <= last[1]) last[1] = Math.max(last[1], part[1]);
    else merged.push([part[0], part[1]]);
  }
  return merged;
}

/** Points of lunes united in one sweep at the bottom of their cascade. */
const LUNE_LEAF_VERTICES = 256;

/** Largest angle between the points of a lune's inner side. */
const INNER_STEP = Math.PI / 8;

/**
 * The part of the anchor's disc from angle `from` over `sweep` at least `depth` (plane units) from
 * its centre: the circle drawn within `arcError` metres either side, the inner side by chords of
 * the circle `depth` less wide (they cut a little closer to the centre: still within the disc).
 * Counter-clockwise (positive area) like the outer rings of a union. A lune and not the whole
 * sector: sectors' sides, d long, crossed each other by the thousand along a jagged line.
 */
function lune(a: Anchor, from: number, sweep: number, arcError: number, depth: number): Path64 {
  const round = (x: number, y: number) => ({ x: Math.round(x), y: Math.round(y) });
  const at = (radius: number, t: number) =>
    round(a.x + radius * Math.sin(t), a.y + radius * Math.cos(t));
  const path: Path64 = [];
  const inner = Math.max(0, a.delta - depth);
  const steps = Math.ceil(sweep / INNER_STEP);
  for (let j = 0; j <= steps; j++) path.push(at(inner, from + (sweep * j) / steps));
  // angles run clockwise: back along the circle makes the path counter-clockwise
  const points: { x: number; y: number }[] = [];
  // with no point between them, the chord between the ends is within arcError of the circle
  if (a.delta * (1 - Math.cos(sweep / 2)) > arcError * a.k * UNITS) {
    const chords = arcChords(a, sweep, arcError);
    pushArcPoints(
      a,
      from,
      sweep,
      { count: Math.max(1, chords.count), radius: chords.radius },
      points,
    );
  }
  path.push(at(a.delta, from + sweep));
  for (let j = points.length - 1; j >= 0; j--) {
    const p = points[j] as { x: number; y: number };
    path.push(round(p.x, p.y));
  }
  path.push(at(a.delta, from));
  return path;
}

/**
 * The exact union from a coarse one. `coarse` is the union of the offsets with round joins drawn
 * `margin` (plane units, with rounding) inside their circles at most; the true union adds to it only
 * thin slivers between those chords and the circles. Where an arc stays farther than `margin` from
 * the coarse outline, the arc and the sliver under it lie inside the coarse union (the arc is
 * within `margin` of it, and cannot cross its outline); so the true union is the coarse one and,
 * under the arcs' other parts, the strips `margin` wide inside the circles (nearer the centre the
 * coarse union holds the disc already), drawn here within `arcError` metres.
 */
export function withExactArcs(
  coarse: Paths64,
  arcs: Arc[],
  anchors: Anchor[],
  options: { margin: number; arcError: number },
): PolyTree64 {
  const outline = outlineOf(coarse);
  const sectors: Paths64 = [];
  for (const arc of arcs) {
    const a = anchors[arc.anchor];
    if (!a) continue;
    for (const [from, to] of nearParts(arc, a, outline, options.margin)) {
      const path = lune(a, arc.start + from, to - from, options.arcError, options.margin);
      if (Clipper.area(path) !== 0) sectors.push(path);
    }
  }
  // lunes of neighbouring anchors lie on each other along the outline: merged as neighbours first
  const strips = cascadedUnion(leavesOf(sectors, LUNE_LEAF_VERTICES), (leaf) => leaf);
  const clipper = new Clipper64();
  clipper.addSubject(coarse);
  clipper.addSubject(strips);
  const tree = new PolyTree64();
  clipper.execute(ClipType.Union, FillRule.NonZero, tree);
  return tree;
}
