import type { Geometry, Position } from "geojson";
import {
  boxIndex,
  type ConstraintIndex,
  candidates,
  districtsFor,
  notComputed,
  overlapOf,
  select,
  toGeometry,
} from "../../context";
import { geodesicBuffer } from "../../geodesic-buffer";
import { localFrame, metersPerDegree, polylineDistance, toLocal } from "../../local-metric";
import { type PreparedGeometry, polygonsOf, preparePolygons } from "../../prepared-geometry";
import { polylineMeets, relate } from "../../relate";
import { areaFinding, ruleLayers } from "../pair-rule";
import type { RuleModule } from "../types";
import type { MinDistanceRule } from "./schema";

/** Lines of a geometry: line strings as they are, polygon rings as closed lines. */
function linesOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case "Point":
      return [[geometry.coordinates]];
    case "MultiPoint":
      return geometry.coordinates.map((p) => [p]);
    case "LineString":
      return [geometry.coordinates];
    case "MultiLineString":
    case "Polygon":
      return geometry.coordinates;
    case "MultiPolygon":
      return geometry.coordinates.flat();
    case "GeometryCollection":
      return geometry.geometries.flatMap(linesOf);
  }
}

function boundsOf(lines: Position[][]): [number, number, number, number] | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    for (const p of line) {
      const x = p[0] as number;
      const y = p[1] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

type Zone = { zone: PreparedGeometry | null; error: unknown };

/**
 * min-distance: the part of the subject closer than `distanceMeters` to a constraint feature (line
 * centre line or polygon) is subject ∩ buffer(constraint, d), buffered once per constraint on the
 * WGS84 ellipsoid, within 1 mm (`geodesicBuffer`).
 * The smallest distance is 0 when they touch, else the least vertex-to-segment distance both ways in
 * a local plane scaled by the ellipsoid's radii at the pair's latitude (error well under 0.1 % over a
 * few kilometres). With d = 0 a polygon constraint must not be entered at all.
 */
export const minDistance: RuleModule<MinDistanceRule> = {
  type: "min-distance",
  polygonal: ["subject"],
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const { subject, constraint, authority } = layers;
    const sameLayer = subject === constraint;
    const d = rule.distanceMeters;
    const members: number[] = [];
    const boxes: [number, number, number, number][] = [];
    for (const j of select(constraint, rule.constraint)) {
      const geometry = constraint.features[j]?.geometry;
      const box = geometry ? boundsOf(linesOf(geometry)) : null;
      if (!box) continue;
      const k = metersPerDegree(Math.max(Math.abs(box[1]), Math.abs(box[3])));
      const mx = (d / k.x) * 1.01;
      const my = (d / k.y) * 1.01;
      members.push(j);
      boxes.push([box[0] - mx, box[1] - my, box[2] + mx, box[3] + my]);
    }
    // boxes grown by d, not `indexPolygons`: line and point constraints have no polygons to index
    const index: ConstraintIndex =
      members.length > 0
        ? { members, ...boxIndex(Float64Array.from(boxes.flat()), members.length) }
        : { tree: null, members, cover: null };
    // a polygon constraint is measured by its polygons made valid (the layer's `geometry`), as
    // every area rule reads it; lines and points as written
    const shapeOf = (j: number): Geometry | null => {
      const geometry = constraint.features[j]?.geometry ?? null;
      if (geometry?.type !== "Polygon" && geometry?.type !== "MultiPolygon") return geometry;
      const c = constraint.geometry(j);
      return c ? toGeometry(c.polygons) : geometry;
    };
    const zones = new Map<number, Zone>();
    const zoneOf = (j: number): Zone => {
      let z = zones.get(j);
      if (z) return z;
      try {
        const geometry = shapeOf(j);
        if (!geometry) throw new Error("missing feature");
        const polygons = d > 0 ? geodesicBuffer(geometry, d) : polygonsOf(geometry);
        z = { zone: preparePolygons(polygons), error: null };
      } catch (error) {
        z = { zone: null, error };
      }
      zones.set(j, z);
      return z;
    };
    const distance = (s: PreparedGeometry, j: number): number => {
      const geometry = shapeOf(j);
      if (!geometry) return Number.NaN;
      const c = constraint.geometry(j);
      if (c) {
        if (relate(s, c).kind !== "disjoint") return 0;
      } else if (linesOf(geometry).some((line) => polylineMeets(s, line))) {
        return 0;
      }
      const [x0, y0, x1, y1] = s.bbox;
      const frame = localFrame((x0 + x1) / 2, (y0 + y1) / 2);
      const subjectLines = toLocal(frame, s.polygons.flat());
      return polylineDistance(subjectLines, toLocal(frame, linesOf(geometry)));
    };
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const subjectRef = { layer: subject.id, featureId: subject.ids[i] as string };
        for (const j of candidates(index, s)) {
          if (sameLayer && j === i) continue;
          const constraintRef = { layer: constraint.id, featureId: constraint.ids[j] as string };
          let overlap: ReturnType<typeof overlapOf>;
          let distanceMeters: number;
          try {
            const { zone, error } = zoneOf(j);
            if (error) throw error;
            if (!zone) continue;
            overlap = overlapOf(engine, s, zone);
            if (!overlap || overlap.area <= rule.toleranceSquareMeters) continue;
            distanceMeters = distance(s, j);
          } catch (error) {
            const districts = districtsFor(engine, null, subject, i);
            out.push(notComputed(rule, authority, subjectRef, constraintRef, error, districts));
            continue;
          }
          out.push(
            areaFinding(engine, rule, layers, i, s, constraintRef, overlap, {
              measures: { distanceMeters, requiredDistanceMeters: d },
            }),
          );
        }
      },
    };
  },
};
