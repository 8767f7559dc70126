import type { PreparedGeometry } from "../check/prepared-geometry";
import type { Polygons } from "../check/types";
import { findRingIntersections } from "../geo/ring-intersections";
import { validPosition } from "../geo/valid-position";
import type { InvalidGeometry } from "./compare-messages";

/**
 * What makes a zone's geometry unfit for overlay, or null when it is fit: a position that is no
 * longitude/latitude (the prepared geometry silently drops non-finite ones), rings crossing or
 * touching themselves or each other, misplaced holes — what the check's valid-geometry rule
 * reports, by the same exact sweep (`findRingIntersections`). The clipping kernel would still
 * return something for such a zone (its fill rule decides what a figure eight covers), but not
 * an area a planner can trust, so the comparison lists its pieces as not computed instead.
 */
export function invalidGeometry(polygons: Polygons, g: PreparedGeometry): InvalidGeometry | null {
  for (const part of polygons) {
    for (const ring of part) {
      for (const p of ring) if (!validPosition(p)) return { kind: "coordinates" };
    }
  }
  const found = findRingIntersections(g, { examples: 1 });
  const first = found.points[0];
  if (found.count > 0 && first) return { kind: "self-intersection", at: first };
  if (found.holesOutside.length > 0) return { kind: "hole-outside-shell" };
  if (found.nestedHoles.length > 0) return { kind: "nested-holes" };
  return null;
}
