import Flatbush from "flatbush";
import { ellipsoidalArea } from "../ellipsoidal-area";
import type { ClipKernel } from "../kernel";
import { areaOf, type PreparedGeometry } from "../prepared-geometry";
import { relate } from "../relate";
import type { Polygons } from "../types";

/**
 * From this many parts the candidate pairs come from an R-tree over the parts' boxes; below it,
 * every pair goes to `relate`, whose box test is as cheap as a tree query.
 */
const INDEX_MIN_PARTS = 16;

/** Where the parts of one multipolygon overlap: the union of the overlaps, its area, the pairs. */
export type PartOverlaps = { polygons: Polygons; area: number; pairs: number };

/** Pairs (i < j) of parts whose boxes meet, touching included. */
function candidatePairs(parts: readonly PreparedGeometry[]): [number, number][] {
  const pairs: [number, number][] = [];
  if (parts.length < INDEX_MIN_PARTS) {
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) pairs.push([i, j]);
    return pairs;
  }
  const tree = new Flatbush(parts.length);
  for (const part of parts) tree.add(...part.bbox);
  tree.finish();
  parts.forEach((part, i) => {
    const hits = tree.search(...part.bbox).filter((j) => j > i);
    hits.sort((a, b) => a - b);
    for (const j of hits) pairs.push([i, j]);
  });
  return pairs;
}

/** a ∩ b of two one-part geometries; `relate` settles disjoint and nested pairs without clipping. */
function overlap(a: PreparedGeometry, b: PreparedGeometry, kernel: ClipKernel) {
  const relation = relate(a, b);
  if (relation.kind === "disjoint") return null;
  if (relation.kind === "subset") {
    const inner = relation.of === "a" ? a : b;
    return { polygons: inner.polygons, area: areaOf(inner) };
  }
  const polygons = kernel.intersection(a.polygons, b.polygons);
  return { polygons, area: ellipsoidalArea(polygons) };
}

/**
 * Overlaps between the parts of one multipolygon (each prepared on its own, one part apiece), or
 * null when no pair overlaps by more than `toleranceSquareMeters`: parts touching along an edge or
 * at a point have no overlap (the kernel returns nothing, or a zero-area sliver of its rounding).
 * Where three or more parts overlap in one place, the area is that of the union, counted once.
 * Throws what the kernel throws.
 */
export function partOverlaps(
  parts: readonly PreparedGeometry[],
  kernel: ClipKernel,
  toleranceSquareMeters: number,
): PartOverlaps | null {
  const found: Polygons = [];
  let pairs = 0;
  let area = 0;
  for (const [i, j] of candidatePairs(parts)) {
    const o = overlap(parts[i] as PreparedGeometry, parts[j] as PreparedGeometry, kernel);
    if (!o || o.area <= toleranceSquareMeters) continue;
    pairs++;
    area += o.area;
    // not push(...): an overlap of many-part shapes can have more pieces than the stack has room
    for (const polygon of o.polygons) found.push(polygon);
  }
  if (pairs === 0) return null;
  if (pairs === 1) return { polygons: found, area, pairs };
  // overlaps of different pairs may overlap each other: a difference from nothing is their union
  const union = kernel.difference(found, []);
  return { polygons: union, area: ellipsoidalArea(union), pairs };
}
