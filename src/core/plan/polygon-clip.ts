import {
  Clipper,
  ClipType,
  FillRule,
  type PathD,
  type PathsD,
  type PolyPathD,
  PolyTreeD,
} from "clipper2-ts";
import type { Position } from "geojson";
import type { AreaGeometry } from "../admin/types";

export type { AreaGeometry };

/**
 * Decimal places kept by the clipping kernel: 1e-8° is about 1 mm, far below any planning
 * precision, and keeps Clipper's integer coordinates small enough for exact double arithmetic.
 */
export const CLIP_DECIMALS = 8;

/**
 * Rings of a polygonal geometry as Clipper paths (closing vertex dropped), outer rings turned
 * positive and holes negative whatever the input's winding, so the non-zero fill rule reads holes
 * as holes and overlapping parts (e.g. several buffers) as one area.
 */
export function toPaths(geometry: AreaGeometry): PathsD {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const paths: PathsD = [];
  for (const rings of polygons) {
    for (const [index, ring] of rings.entries()) {
      const path: PathD = ring.map((p) => ({ x: p[0] as number, y: p[1] as number }));
      const first = path[0];
      const last = path[path.length - 1];
      if (first && last && path.length > 1 && first.x === last.x && first.y === last.y) path.pop();
      if (path.length < 3) continue;
      if (Clipper.isPositiveD(path) !== (index === 0)) path.reverse();
      paths.push(path);
    }
  }
  return paths;
}

function toRing(path: PathD, counterClockwise: boolean): Position[] {
  const ring: Position[] = path.map((p) => [p.x, p.y]);
  if (Clipper.isPositiveD(path) !== counterClockwise) ring.reverse();
  ring.push([...(ring[0] as Position)]);
  return ring;
}

function collect(node: PolyPathD, out: Position[][][]): void {
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    if (!outer.poly || outer.poly.length < 3) continue;
    const rings = [toRing(outer.poly, true)];
    for (let k = 0; k < outer.count; k++) {
      const hole = outer.child(k);
      if (hole.poly && hole.poly.length >= 3) rings.push(toRing(hole.poly, false));
      collect(hole, out);
    }
    out.push(rings);
  }
}

/**
 * GeoJSON geometry from polygon parts: a Polygon for one part, a MultiPolygon for several, null
 * for none. Outer rings run counter-clockwise and holes clockwise (RFC 7946).
 */
export function geometryFromParts(parts: Position[][][]): AreaGeometry | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return { type: "Polygon", coordinates: parts[0] as Position[][] };
  return { type: "MultiPolygon", coordinates: parts };
}

/** Runs one Boolean operation (non-zero fill) and returns its result as GeoJSON, or null if empty. */
export function clip(
  operation: "intersection" | "union" | "difference",
  subject: PathsD,
  clipPaths: PathsD | null,
): AreaGeometry | null {
  const type = {
    intersection: ClipType.Intersection,
    union: ClipType.Union,
    difference: ClipType.Difference,
  }[operation];
  const tree = new PolyTreeD();
  Clipper.booleanOpDWithPolyTree(type, subject, clipPaths, tree, FillRule.NonZero, CLIP_DECIMALS);
  const parts: Position[][][] = [];
  collect(tree, parts);
  return geometryFromParts(parts);
}

/** a ∩ b, or null when they do not overlap. */
export function intersectAreas(a: AreaGeometry, b: AreaGeometry): AreaGeometry | null {
  return clip("intersection", toPaths(a), toPaths(b));
}
