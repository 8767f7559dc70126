import type { MinDistanceRule } from "../../../catalog/rules-schema";
import type { RuleSql, RuleSqlContext } from "../../sql/context";
import { districtsColumn, geodesicArea, geojsonColumn, selected } from "../../sql/fragments";
import { pairFindings } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";

/**
 * Segments per quarter circle of the buffer: PostGIS's default 8 draws a circle as a 32-gon, 0.6 %
 * short of its area; 64 (a 256-gon) is 0.01 % short, inside the engines' 0.1 % agreement.
 */
export const BUFFER_QUAD_SEGS = 64;

/**
 * The buffer of a lon/lat geometry by `d` metres, drawn in an azimuthal equidistant plane centred on
 * the geometry (distances from the centre exact; a few kilometres out, scale errs by parts per
 * billion) and brought back to lon/lat. PostGIS's buffer on geography draws it in a UTM zone
 * instead, whose scale (0.9996 on the central meridian) put the zone's edge about 1 cm off at 25 m.
 */
export function localBuffer(g: string, d: string): string {
  const plane = `format('+proj=aeqd +lat_0=%s +lon_0=%s +ellps=WGS84 +units=m +no_defs', ST_Y(ST_Centroid(${g})), ST_X(ST_Centroid(${g})))`;
  return `ST_SetSRID(ST_Transform(ST_Buffer(ST_Transform(${g}, ${plane}), ${d}, 'quad_segs=${BUFFER_QUAD_SEGS}'), ${plane}, 4326), 4326)`;
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
  const clearance = ctx.safe
    ? `pg_temp.pl_clearance(s.poly, c.geom, c.poly, ${d})`
    : `(SELECT ST_CollectionExtract(ST_Intersection(s.poly, z.zone), 3) AS g, NULL::text AS err
      FROM (SELECT CASE WHEN ${d} > 0
        THEN ${localBuffer("c.geom", d)}
        ELSE c.poly END AS zone) z)`;
  // a constraint PostGIS could not be given as written (a position that is no longitude/latitude)
  // has no clearance zone: its pairs are not computed, as in process
  return params.query(`SELECT s.idx AS s, s.fid AS sid, c.idx AS c, c.fid AS cid,
  coalesce(c.geom_err, o.err) AS err,
  ${geojsonColumn(ctx, "o.g")} AS geojson, a.area, ${geodesicArea("s.poly")} AS subject_area,
  ${districtsColumn(ctx, "s", "o.g")} AS districts,
  CASE WHEN o.err IS NULL AND c.geom_err IS NULL THEN pg_temp.pl_local_distance(s.poly, c.geom) END AS distance
FROM ${ctx.subject} s
JOIN ${ctx.constraint} c ON ST_DWithin(s.poly::geography, c.geom::geography, ${d})${self}
CROSS JOIN LATERAL ${clearance} o
CROSS JOIN LATERAL (SELECT ${geodesicArea("o.g")} AS area) a
WHERE s.poly IS NOT NULL AND c.geom IS NOT NULL${subjectSel}${constraintSel}
  AND (c.geom_err IS NOT NULL OR o.err IS NOT NULL OR a.area > ${tol})`);
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
