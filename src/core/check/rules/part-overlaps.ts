import Flatbush from "flatbush";
import { ellipsoidalArea } from "../ellipsoidal-area";
import type { ClipKernel } from "../kernel";
import { areaOf, type PreparedGeometry, preparePolygons } from "../prepared-geometry";
import { relate } from "../relate";
import type { Polygons } from "../types";

/**
 * Where the parts of one multipolygon overlap: the region covered by two or more parts, its area,
 * and how many parts overlap another.
 */
export type PartOverlaps = { polygons: Polygons; area: number; parts: number };

/** Whether the boxes of any two parts meet (touching counts): else nothing can overlap. */
function anyBoxesMeet(parts: readonly PreparedGeometry[]): boolean {
  const tree = new Flatbush(parts.length);
  for (const part of parts) tree.add(...part.bbox);
  tree.finish();
  return parts.some((part, i) => tree.search(...part.bbox, (j) => j !== i).length > 0);
}

/** Area of a ∩ b; `relate` settles disjoint and nested pairs without clipping. */
function sharedArea(a: PreparedGeometry, b: PreparedGeometry, kernel: ClipKernel): number {
  const relation = relate(a, b);
  if (relation.kind === "disjoint") return 0;
  if (relation.kind === "subset") return areaOf(relation.of === "a" ? a : b);
  return ellipsoidalArea(kernel.intersection(a.polygons, b.polygons));
}

/**
 * How many parts overlap another by more than `tolerance`: those sharing that much area with the
 * overlap. Each part is tested only against the overlap pieces its box meets.
 */
function overlappingParts(
  parts: readonly PreparedGeometry[],
  pieces: PreparedGeometry[],
  kernel: ClipKernel,
  tolerance: number,
): number {
  const tree = new Flatbush(pieces.length);
  for (const piece of pieces) tree.add(...piece.bbox);
  tree.finish();
  let count = 0;
  for (const part of parts) {
    let shared = 0;
    for (const k of tree.search(...part.bbox)) {
      shared += sharedArea(part, pieces[k] as PreparedGeometry, kernel);
      if (shared > tolerance) break;
    }
    if (shared > tolerance) count++;
  }
  return count;
}

/**
 * Overlaps between the parts of one multipolygon (each prepared on its own, one part apiece, each
 * valid: simple rings, holes inside their shell), or null when no overlap is larger than
 * `toleranceSquareMeters`: parts touching along an edge or at a point have no overlap. The region
 * covered twice or more comes from the kernel (`coveredTwice`), so ten thousand copies of one
 * part cost a cascade of small unions rather than fifty million pairs; its
 * pieces (connected parts) of at most the tolerance are digitising noise and dropped one by one.
 * Where three or more parts overlap in one place, the area is counted once. Throws what the kernel
 * throws.
 */
export function partOverlaps(
  parts: readonly PreparedGeometry[],
  kernel: ClipKernel,
  toleranceSquareMeters: number,
): PartOverlaps | null {
  if (parts.length < 2 || !anyBoxesMeet(parts)) return null;
  const covered = kernel.coveredTwice(parts.map((part) => part.polygons));
  const polygons: Polygons = [];
  const pieces: PreparedGeometry[] = [];
  let area = 0;
  for (const piece of covered) {
    const prepared = preparePolygons([piece]);
    if (!prepared) continue;
    const pieceArea = areaOf(prepared);
    if (pieceArea <= toleranceSquareMeters) continue;
    polygons.push(piece);
    pieces.push(prepared);
    area += pieceArea;
  }
  if (pieces.length === 0) return null;
  return {
    polygons,
    area,
    parts: overlappingParts(parts, pieces, kernel, toleranceSquareMeters),
  };
}
