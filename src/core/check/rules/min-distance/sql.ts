import { type RuleSql, type RuleSqlContext, rowByRow } from "../../sql/context";
import {
  districtsColumn,
  geojsonColumn,
  measured,
  selected,
  subjectAreaColumn,
} from "../../sql/fragments";
import { pairFinding } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import { WGS84_A, WGS84_E2 } from "../../wgs84";
import type { MinDistanceRule } from "./schema";

// Columns and context only this type's query has (see `SqlRow` in ../../sql/context.ts).
declare module "../../sql/context" {
  interface SqlRow {
    /** The smallest distance, as the in-process rule measures it. */
    distance?: number | null;
  }
}

/**
 * Segments per quarter circle of the buffer: PostGIS's default 8 draws a circle as a 32-gon, 0.6 %
 * short of its area; 64 (a 256-gon) is 0.01 % short, inside the engines' 0.1 % agreement.
 */
export const BUFFER_QUAD_SEGS = 64;

/**
 * The buffer of a lon/lat geometry by `d` metres, drawn in the UTM zone of its centre and brought
 * back to lon/lat, with the distance multiplied by the zone's scale there (a map length is k times the length on the ellipsoid; (k = 0.9996 on the central
 * meridian, growing with the square of the distance from it)): a conformal plane with its scale
 * taken out, so the zone's edge lies within a millimetre of `d` on the ellipsoid over a few
 * kilometres. PostGIS's buffer on geography uses the UTM zone without the scale (≈1 cm off at
 * 25 m); a plane centred on each feature (aeqd) was as exact but PostGIS builds such a projection
 * anew for every call (60 ms each), while a UTM zone is an SRID it keeps.
 */
export function localBuffer(g: string, d: string): string {
  const centre = `ST_Centroid(${g})`;
  const utm = `(CASE WHEN ST_Y(${centre}) >= 0 THEN 32600 ELSE 32700 END + least(60, floor((ST_X(${centre}) + 180) / 6)::int + 1))`;
  const x = `(ST_X(ST_Transform(${centre}, ${utm})) - 500000)`;
  const k = `(0.9996 * (1 + ${x} ^ 2 / (2 * 0.9996 ^ 2 * 6371000.0 ^ 2)))`;
  return `ST_Transform(ST_Buffer(ST_Transform(${g}, ${utm}), ${d} * ${k}, 'quad_segs=${BUFFER_QUAD_SEGS}'), 4326)`;
}

/**
 * min-distance in SQL: candidate pairs by `ST_DWithin` on geography (spheroid distance, served by the
 * GiST index on the constraint's geography), the clearance part subject ∩ buffer(constraint, d)
 * (`ST_Buffer` on geography; with d = 0 the constraint polygon itself), kept over the tolerance, and
 * the smallest distance measured as the in-process rule measures it (`pl_local_distance`).
 */
function minDistanceQuery(rule: MinDistanceRule, ctx: RuleSqlContext) {
  const params = new SqlParams();
  const d = params.add(rule.distanceMeters, "float8");
  const self = ctx.sameLayer ? " AND c.idx <> s.idx" : "";
  const subjectSel = selected("s", ctx.subjectSelection, params);
  const constraintSel = selected("c", ctx.constraintSelection, params);
  const tol = params.add(rule.toleranceSquareMeters, "float8");
  const near = `ST_DWithin(s.poly::geography, c.geom::geography, ${d})`;
  // a polygon constraint is measured by its polygons as made valid at load (as in process)
  const shape =
    "CASE WHEN c.poly IS NOT NULL AND GeometryType(c.geom) IN ('POLYGON', 'MULTIPOLYGON') THEN c.poly ELSE c.geom END";
  // candidate pairs by the geography index, then each candidate constraint's zone once (not once
  // per pair)
  const zone = ctx.safe
    ? "NULL::geometry"
    : `CASE WHEN ${d} > 0 THEN ${localBuffer(`(${shape})`, d)} ELSE c.poly END`;
  const clearance = ctx.safe
    ? `pg_temp.pl_clearance(s.poly, ${shape}, c.poly, ${d})`
    : "(SELECT ST_CollectionExtract(ST_Intersection(s.poly, z.zone), 3) AS g, NULL::text AS err OFFSET 0)";
  // a constraint PostGIS could not be given as written (a position that is no longitude/latitude)
  // has no clearance zone: its pairs are not computed, as in process
  return params.query(`WITH pairs AS MATERIALIZED (
  SELECT s.idx AS si, c.idx AS ci FROM ${ctx.subject} s
  JOIN ${ctx.constraint} c ON ${near}${self}
  WHERE s.poly IS NOT NULL AND c.geom IS NOT NULL${subjectSel}${constraintSel}
),
zones AS MATERIALIZED (
  SELECT c.idx, ${zone} AS zone FROM ${ctx.constraint} c
  WHERE c.idx IN (SELECT ci FROM pairs) AND c.geom_err IS NULL
)
SELECT s.idx AS s, s.fid AS sid, c.idx AS c, c.fid AS cid,
  coalesce(c.geom_err, o.err) AS err,
  ${geojsonColumn(ctx, "o.g")} AS geojson, o.area, ${subjectAreaColumn("s")} AS subject_area,
  ${districtsColumn(ctx, "s", "o.g")} AS districts,
  CASE WHEN o.err IS NULL AND c.geom_err IS NULL THEN pg_temp.pl_local_distance(s.poly, ${shape}) END AS distance
FROM pairs p
JOIN ${ctx.subject} s ON s.idx = p.si
JOIN ${ctx.constraint} c ON c.idx = p.ci
LEFT JOIN zones z ON z.idx = c.idx
CROSS JOIN LATERAL ${measured(clearance)} o
WHERE c.geom_err IS NOT NULL OR o.err IS NOT NULL OR o.area > ${tol}`);
}

/** The functions min-distance's query calls (created with the run's, in `pg_temp`). */
const MIN_DISTANCE_FUNCTIONS = [
  `CREATE FUNCTION pg_temp.pl_clearance(s geometry, c geometry, cpoly geometry, d float8, OUT g geometry, OUT err text) LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  g := ST_CollectionExtract(ST_Intersection(s, CASE WHEN d > 0
    THEN ${localBuffer("c", "d")} ELSE cpoly END), 3);
EXCEPTION WHEN OTHERS THEN
  err := SQLERRM;
END $f$`,
  // the smallest distance as the in-process rule measures it (min-distance.ts): 0 where they meet,
  // else in the local plane of the subject's box centre, scaled by the WGS84 radii of curvature
  // there (metersPerDegree), where edges are straight in longitude/latitude as the engine reads
  // them; geography's great-circle edges put a 1 km edge's middle centimetres away
  `CREATE FUNCTION pg_temp.pl_local_distance(s geometry, c geometry) RETURNS float8 LANGUAGE sql IMMUTABLE AS $f$
SELECT CASE WHEN ST_Intersects(s, c) THEN 0::float8 ELSE ST_Distance(
    ST_Affine(ST_Translate(s, -o.x0, -o.y0), k.kx, 0, 0, k.ky, 0, 0),
    ST_Affine(ST_Translate(c, -o.x0, -o.y0), k.kx, 0, 0, k.ky, 0, 0)) END
FROM (SELECT (ST_XMin(s) + ST_XMax(s)) / 2 AS x0, (ST_YMin(s) + ST_YMax(s)) / 2 AS y0) o
CROSS JOIN LATERAL (SELECT radians(o.y0) AS phi) p
CROSS JOIN LATERAL (SELECT 1 - ${WGS84_E2} * sin(p.phi) ^ 2 AS w) q
CROSS JOIN LATERAL (SELECT pi() / 180 * ${WGS84_A} / sqrt(q.w) * cos(p.phi) AS kx,
  pi() / 180 * ${WGS84_A} * (1 - ${WGS84_E2}) / (q.w * sqrt(q.w)) AS ky) k
$f$`,
];

/** The min-distance rule in SQL. */
export const minDistanceSql: RuleSql<MinDistanceRule> = {
  type: "min-distance",
  // candidates by geography distance from the constraint as written (a line's centre line)
  layerUse: { constraint: { geography: true, raw: true } },
  functions: MIN_DISTANCE_FUNCTIONS,
  query: minDistanceQuery,
  ...rowByRow<MinDistanceRule>((rule, row, ctx, facts) =>
    pairFinding(
      rule,
      row,
      ctx,
      facts,
      row.err === null
        ? {
            measures: {
              distanceMeters: row.distance ?? 0,
              requiredDistanceMeters: rule.distanceMeters,
            },
          }
        : {},
    ),
  ),
};
