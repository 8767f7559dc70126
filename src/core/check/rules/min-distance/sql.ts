import type { MinDistanceRule } from "../../../catalog/rules-schema";
import type { RuleSql, RuleSqlContext } from "../../sql/context";
import {
  districtsColumn,
  geojsonColumn,
  measured,
  selected,
  subjectAreaColumn,
} from "../../sql/fragments";
import { pairFindings } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";

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
  // candidate pairs by the geography index, then each candidate constraint's zone once (not once
  // per pair)
  const zone = ctx.safe
    ? "NULL::geometry"
    : `CASE WHEN ${d} > 0 THEN ${localBuffer("c.geom", d)} ELSE c.poly END`;
  const clearance = ctx.safe
    ? `pg_temp.pl_clearance(s.poly, c.geom, c.poly, ${d})`
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
  ${geojsonColumn(ctx, "o.g")} AS geojson, o.area, ${subjectAreaColumn(ctx, "s")} AS subject_area,
  ${districtsColumn(ctx, "s", "o.g")} AS districts,
  CASE WHEN o.err IS NULL AND c.geom_err IS NULL THEN pg_temp.pl_local_distance(s.poly, c.geom) END AS distance
FROM pairs p
JOIN ${ctx.subject} s ON s.idx = p.si
JOIN ${ctx.constraint} c ON c.idx = p.ci
LEFT JOIN zones z ON z.idx = c.idx
CROSS JOIN LATERAL ${measured(clearance)} o
WHERE c.geom_err IS NOT NULL OR o.err IS NOT NULL OR o.area > ${tol}`);
}

/** The min-distance rule in SQL. */
export const minDistanceSql: RuleSql<MinDistanceRule> = {
  type: "min-distance",
  query: minDistanceQuery,
  findings: (rule, rows, ctx, facts) =>
    pairFindings(rule, rows, ctx, facts, rule.subject.layer, rule.constraint.layer, (row) =>
      row.err === null
        ? {
            measures: {
              distanceMeters: row.distance ?? 0,
              requiredDistanceMeters: rule.distanceMeters,
            },
          }
        : {},
    ),
};
