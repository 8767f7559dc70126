import { Clipper, Clipper64, ClipType, FillRule, type Paths64, PolyTree64 } from "clipper2-ts";
import type { Position } from "geojson";
import { findRingIntersections } from "../geo/ring-intersections";
import { ringPath, treePolygons } from "./kernel";
import {
  bboxesMeet,
  type PreparedGeometry,
  partCount,
  preparedPolygons,
  preparePolygons,
  rayCrosses,
  ringCount,
} from "./prepared-geometry";
import { relate, segmentsMeet } from "./relate";
import { isSimpleRing, isSmallSimpleRing } from "./ring-overlay";
import type { Polygons } from "./types";

/*
 * Invalid polygons (a ring crossing or touching itself, a hole outside its shell or across it,
 * holes inside holes, parts overlapping) have no agreed area: the clipping kernel's winding rule,
 * the shoelace sum of `ellipsoidalArea` and GEOS each read them their own way (a generated flood
 * corridor whose thin ring crossed itself near one end came out 99 % apart between the engines:
 * GEOS took the ring's orientation at its topmost vertex, the crossing's tiny lobe, and measured
 * the zones' complement). Both engines therefore check a layer's polygons as repaired by one rule,
 * the one PostGIS names: `ST_MakeValid(g, 'method=structure')` (GEOS's GeometryFixer, GEOS ≥ 3.10),
 * which reads a ring as the area it winds around (non-zero winding: a bow-tie keeps both lobes, a
 * loop its area once), each part as its shell's area minus its holes', a hole meeting no part of
 * the shell as an island of its own, and unites the parts. The valid-geometry rule still reports
 * every such feature from the geometry as written.
 */

/**
 * Whether g is a valid polygon in OGC's sense, erring towards "no": one ring must be simple
 * (`isSimpleRing`, which counts near-touches within 1e-9° as touches); several rings must neither
 * meet nor be misplaced (`findRingIntersections`), and parts whose boxes meet are taken as
 * overlapping. A valid geometry said invalid only costs a repair that changes nothing but rounding
 * to the kernel's 1e-9° grid.
 */
export function isValidPolygon(g: PreparedGeometry): boolean {
  if (ringCount(g) === 1) return isSimpleRing(g);
  // the cheap test first: parts whose boxes meet are taken as overlapping, whatever the sweep finds
  if (partBoxesMeet(g)) return false;
  if (ringsApartAndPlaced(g)) return true;
  const found = findRingIntersections(g, { examples: 0 });
  return found.count === 0 && found.holesOutside.length === 0 && found.nestedHoles.length === 0;
}

/**
 * Whether g's rings are all small and simple, the rings of each part meet nowhere (within the touch
 * tolerance of `segmentsMeet`) and each hole lies inside its shell and outside the part's other
 * holes: then g is valid (its parts' boxes being apart), and the sweep is spared. False, with the
 * sweep to decide, when anything meets, even a touch OGC allows. Most multi-ring zones are a
 * shell with a hole, or parts apart: the sweep, run on few features, did so on slow unoptimised
 * code, 28 ms of a 500 ms check of 50 000 zones.
 */
function ringsApartAndPlaced(g: PreparedGeometry): boolean {
  const rings = ringCount(g);
  for (let r = 0; r < rings; r++) if (!isSmallSimpleRing(g, r)) return false;
  const c = g.coords;
  for (let r = 0; r < rings; r++) {
    for (let q = r + 1; q < rings && g.ringPart[q] === g.ringPart[r]; q++) {
      if (ringsMeet(g, r, q)) return false;
    }
    if (g.ringIsOuter[r] === 1) continue;
    // a hole's part starts with its shell (dropped when it had too few positions: then no shell)
    let shell = r;
    while (shell > 0 && g.ringPart[shell - 1] === g.ringPart[r]) shell--;
    if (g.ringIsOuter[shell] !== 1) return false;
    // no edges meet: a hole is where its first vertex is
    const v = g.ringStart[r] as number;
    const x = c[2 * v] as number;
    const y = c[2 * v + 1] as number;
    if (!ringContains(g, shell, x, y)) return false;
    for (let q = shell + 1; q < rings && g.ringPart[q] === g.ringPart[r]; q++) {
      if (q !== r && ringContains(g, q, x, y)) return false;
    }
  }
  return true;
}

/** Whether an edge of ring r of g meets an edge of ring q (see `segmentsMeet`). */
function ringsMeet(g: PreparedGeometry, r: number, q: number): boolean {
  const c = g.coords;
  const r0 = g.ringStart[r] as number;
  const r1 = (g.ringStart[r + 1] as number) - 1;
  const q0 = g.ringStart[q] as number;
  const q1 = (g.ringStart[q + 1] as number) - 1;
  for (let i = r0; i <= r1; i++) {
    const i2 = i < r1 ? i + 1 : r0;
    for (let j = q0; j <= q1; j++) {
      if (segmentsMeet(c, i, i2, c, j, j < q1 ? j + 1 : q0)) return true;
    }
  }
  return false;
}

/** Whether (x, y), on no edge of ring r of g, lies inside it (crossing number). */
function ringContains(g: PreparedGeometry, r: number, x: number, y: number): boolean {
  const c = g.coords;
  const r0 = g.ringStart[r] as number;
  const r1 = (g.ringStart[r + 1] as number) - 1;
  let inside = false;
  for (let i = r0; i <= r1; i++) {
    if (rayCrosses(c, i, i < r1 ? i + 1 : r0, x, y)) inside = !inside;
  }
  return inside;
}

/** Whether the boxes of two parts of g meet (a part inside or across another is among them). */
function partBoxesMeet(g: PreparedGeometry): boolean {
  // parts counted from the ring tables: `g.polygons` would build the rings as arrays
  if (partCount(g) < 2) return false;
  const boxes: [number, number, number, number][] = [];
  for (let r = 0; r < ringCount(g); r++) {
    if (g.ringIsOuter[r] !== 1) continue;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let v = g.ringStart[r] as number; v < (g.ringStart[r + 1] as number); v++) {
      const x = g.coords[2 * v] as number;
      const y = g.coords[2 * v + 1] as number;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    boxes.push([minX, minY, maxX, maxY]);
  }
  // few parts per feature: every pair
  return boxes.some((a, i) =>
    boxes.some((b, j) => j > i && !(a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1])),
  );
}

const clipper = new Clipper64();

/** One Clipper operation, non-zero winding, as oriented paths (outer rings positive). */
function clip(type: ClipType, subject: Paths64, other: Paths64 = []): Paths64 {
  clipper.clear();
  clipper.addSubject(subject);
  if (other.length > 0) clipper.addClip(other);
  const out: Paths64 = [];
  clipper.execute(type, FillRule.NonZero, out);
  return out;
}

/**
 * `ST_MakeValid(polygons, 'method=structure')` on the kernel's 1e-9° grid (see the note at the top
 * of this file): each ring's non-zero fill; per part, the shell's fill minus the fills of the holes
 * that meet it (touching counts, as GEOS's `intersects`), the other holes kept as islands; the
 * parts united. A ring that encloses nothing (all on one line) is dropped, and a part with it.
 */
export function structureFill(polygons: Polygons): Polygons {
  const first = polygons[0]?.[0]?.[0];
  if (!first) return [];
  // the geometry's own origin: every integer origin gives the same grid (see `ringPath`)
  const ox = Math.floor(first[0] as number);
  const oy = Math.floor(first[1] as number);
  // collinear runs and spikes trimmed first: clipper2-ts 2.0.1 never returned from a union of a
  // ring running back along itself (a triangle whose base went out and back over itself)
  const fill = (ring: Position[]): Paths64 => {
    const path = Clipper.trimCollinear(ringPath(ring, ox, oy), false);
    return path.length < 3 ? [] : clip(ClipType.Union, [path]);
  };
  const pieces: Paths64 = [];
  for (const part of polygons) {
    const [outer, ...inner] = part;
    const shell = outer ? fill(outer) : [];
    if (shell.length === 0) continue;
    const holes: Paths64 = [];
    for (const ring of inner) {
      const hole = fill(ring);
      if (hole.length === 0) continue;
      if (meets(shell, hole, ox, oy)) holes.push(...hole);
      else pieces.push(...hole);
    }
    pieces.push(...(holes.length > 0 ? clip(ClipType.Difference, shell, holes) : shell));
  }
  clipper.clear();
  clipper.addSubject(pieces);
  const tree = new PolyTree64();
  clipper.execute(ClipType.Union, FillRule.NonZero, tree);
  return treePolygons(tree, ox, oy);
}

/** Whether two filled regions meet, touching included (`relate`'s verdict short of "disjoint"). */
function meets(a: Paths64, b: Paths64, ox: number, oy: number): boolean {
  const tree = (paths: Paths64) => {
    const t = new PolyTree64();
    clipper.clear();
    clipper.addSubject(paths);
    clipper.execute(ClipType.Union, FillRule.NonZero, t);
    return preparePolygons(treePolygons(t, ox, oy));
  };
  const pa = tree(a);
  const pb = tree(b);
  if (!pa || !pb || !bboxesMeet(pa, pb)) return false;
  return relate(pa, pb).kind !== "disjoint";
}

/**
 * g as the rules check it: itself when valid, else its `structureFill` prepared anew (null when
 * nothing with area is left).
 */
export function madeValid(g: PreparedGeometry | null): PreparedGeometry | null {
  if (!g || isValidPolygon(g)) return g;
  return preparePolygons(structureFill(preparedPolygons(g)));
}
