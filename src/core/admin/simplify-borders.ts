import { lineString, simplify } from "@turf/turf";
import type { FeatureCollection, Position } from "geojson";
import { feature } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection } from "topojson-specification";

const OBJECT = "areas";

const samePosition = (a: Position | undefined, b: Position | undefined) =>
  a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

/**
 * The areas of `collection` with every border simplified (Douglas–Peucker) to within
 * `toleranceDeg` of the source, once per border. topojson-server cuts the outlines into arcs, one
 * per stretch of border that the same areas share, and each arc is simplified on its own, keeping
 * its end points: two neighbours still meet along one line, with no gap or overlap between them
 * (simplifying each outline by itself would leave slivers along every shared border).
 * topojson-client then joins the arcs back into outlines, with each feature's id and properties.
 * A closed arc (an island, a hole, an outline that shares nothing) keeps its source shape when
 * simplified to fewer than four positions, so it stays a ring.
 */
export function simplifyBorders(
  collection: FeatureCollection,
  toleranceDeg: number,
): FeatureCollection {
  const topo = topology({ [OBJECT]: collection });
  topo.arcs = topo.arcs.map((arc) => {
    if (arc.length <= 2) return arc;
    const kept = simplify(lineString(arc), { tolerance: toleranceDeg, highQuality: true }).geometry
      .coordinates;
    const closed = samePosition(arc[0], arc.at(-1));
    return closed && kept.length < 4 ? arc : kept;
  });
  return feature(topo, topo.objects[OBJECT] as GeometryCollection);
}
