import { findingId } from "../../finding-id";
import { findingGeometry, sortedCodes } from "../../sql/area-finding";
import { type RuleSql, type RuleSqlContext, rowByRow } from "../../sql/context";
import { districtsColumn, geodesicArea, selected } from "../../sql/fragments";
import { SqlParams } from "../../sql/query";
import type { Finding, GeometryProblem, Measures } from "../../types";
import type { ValidGeometryRule } from "./schema";

// Columns and context only this type's query has (see `SqlRow` in ../../sql/context.ts).
declare module "../../sql/context" {
  interface SqlRow {
    /** The kind of problem and what it measured. */
    problem?: string | null;
    count?: number | null;
    width?: number | null;
  }
}

/** Overlaps of parts of at most this many m² are digitising noise (as in process). */
const OVERLAP_TOLERANCE_SQUARE_METERS = 1;

/**
 * valid-geometry in SQL. Ring by ring on the geometry as written (`geom`): unclosed rings, rings of
 * fewer than three distinct positions, repeated consecutive positions; positions that are no
 * longitude/latitude as counted when loading (`bad_count`). Part by part on the polygons as the
 * engine prepares them, before they were made valid (`raw_poly`, else `poly`): `ST_IsValidDetail`
 * says whether rings cross or touch (the places where two rings meet, else the one GEOS names),
 * whether a hole lies outside its shell or inside another hole; the valid parts are measured for
 * slivers (2 × area / perimeter on the spheroid) and for overlaps between parts (the region covered
 * twice, pieces over 1 m²).
 */
function validGeometryQuery(rule: ValidGeometryRule, ctx: RuleSqlContext) {
  const params = new SqlParams();
  const subjectSel = selected("s", ctx.subjectSelection, params);
  const sliver = params.add(rule.sliverWidthMeters, "float8");
  const polygonal = params.add(ctx.polygonal, "boolean");
  const tolerance = params.add(OVERLAP_TOLERANCE_SQUARE_METERS, "float8");
  const point = (kind: GeometryProblem, from: string) =>
    `SELECT q.idx, '${kind}'::text AS kind, q.pt FROM (${from}) q`;
  return params.query(`WITH subj AS MATERIALIZED (
  SELECT s.idx, s.geom, coalesce(s.raw_poly, s.poly) AS poly, s.bad_count FROM ${ctx.subject} s WHERE true${subjectSel}
),
raw_rings AS MATERIALIZED (
  SELECT s.idx, p.path[1] AS part, r.path[1] AS ring, ST_ExteriorRing(r.geom) AS line
  FROM subj s
  CROSS JOIN LATERAL ST_Dump(s.geom) p
  CROSS JOIN LATERAL ST_DumpRings(p.geom) r
  WHERE GeometryType(s.geom) IN ('POLYGON', 'MULTIPOLYGON')
),
parts AS MATERIALIZED (
  SELECT s.idx, p.path[1] AS part, p.geom AS g, (v.d).valid, (v.d).reason, (v.d).location
  FROM subj s
  CROSS JOIN LATERAL ST_Dump(s.poly) p
  CROSS JOIN LATERAL (SELECT ST_IsValidDetail(p.geom) AS d) v
),
points AS (
  ${point("unclosed-ring", "SELECT idx, ST_StartPoint(line) AS pt FROM raw_rings WHERE NOT ST_IsClosed(line)")}
  UNION ALL
  ${point(
    "too-short-ring",
    `SELECT idx, ST_StartPoint(line) AS pt FROM raw_rings r
     CROSS JOIN LATERAL (SELECT ST_RemoveRepeatedPoints(r.line) AS l) c
     WHERE ST_NPoints(c.l) - CASE WHEN ST_IsClosed(c.l) AND ST_NPoints(c.l) > 1 THEN 1 ELSE 0 END < 3`,
  )}
  UNION ALL
  ${point(
    "duplicate-vertices",
    `SELECT idx, pt FROM (
       SELECT r.idx, d.geom AS pt,
         lag(d.geom) OVER (PARTITION BY r.idx, r.part, r.ring ORDER BY d.path) AS prev
       FROM raw_rings r CROSS JOIN LATERAL ST_DumpPoints(r.line) d) x
     WHERE ST_X(pt) = ST_X(prev) AND ST_Y(pt) = ST_Y(prev)`,
  )}
  UNION ALL
  ${point(
    "self-intersection",
    `SELECT p.idx, coalesce(m.pt, p.location) AS pt FROM parts p
     LEFT JOIN LATERAL (
       SELECT e.geom AS pt FROM ST_DumpRings(p.g) a
       JOIN ST_DumpRings(p.g) b ON a.path[1] < b.path[1]
       CROSS JOIN LATERAL (SELECT ST_Intersection(ST_ExteriorRing(a.geom), ST_ExteriorRing(b.geom)) AS x) i
       CROSS JOIN LATERAL ST_DumpPoints(CASE WHEN ST_Dimension(i.x) = 0 THEN i.x ELSE ST_Boundary(i.x) END) e
     ) m ON true
     WHERE NOT p.valid AND p.reason NOT IN ('Hole lies outside shell', 'Holes are nested')`,
  )}
  UNION ALL
  ${point("hole-outside-shell", "SELECT idx, location AS pt FROM parts WHERE NOT valid AND reason = 'Hole lies outside shell'")}
  UNION ALL
  ${point("nested-holes", "SELECT idx, location AS pt FROM parts WHERE NOT valid AND reason = 'Holes are nested'")}
),
located AS (
  SELECT d.idx, d.kind, count(*)::int AS count,
    CASE WHEN count(*) = 1 THEN ST_GeometryN(ST_Collect(d.pt), 1) ELSE ST_Collect(d.pt) END AS g
  FROM (SELECT DISTINCT ON (idx, kind, ST_X(pt), ST_Y(pt)) idx, kind, pt FROM points WHERE pt IS NOT NULL) d
  GROUP BY d.idx, d.kind
),
kept AS (SELECT idx, part, g, ${geodesicArea("g")} AS area, ST_Perimeter(g::geography) AS perimeter FROM parts WHERE valid),
slivers AS (
  SELECT idx, ST_Collect(g) AS g, sum(area) AS area, min(width) AS width
  FROM (SELECT idx, g, area, CASE WHEN perimeter > 0 THEN 2 * area / perimeter ELSE 0 END AS width FROM kept) w
  WHERE ${sliver} > 0 AND width < ${sliver}
  GROUP BY idx
),
pieces AS (
  SELECT u.idx, d.geom AS g, ${geodesicArea("d.geom")} AS area
  FROM (
    SELECT a.idx, ST_Union(ST_CollectionExtract(ST_Intersection(a.g, b.g), 3)) AS u
    FROM kept a JOIN kept b ON a.idx = b.idx AND a.part < b.part AND ST_Intersects(a.g, b.g)
    GROUP BY a.idx
  ) u
  CROSS JOIN LATERAL ST_Dump(u.u) d
),
part_overlaps AS (
  SELECT p.idx, ST_Collect(p.g) AS g, sum(p.area) AS area,
    (SELECT count(*)::int FROM kept k WHERE k.idx = p.idx
       AND ${geodesicArea("ST_Intersection(k.g, ST_Collect(p.g))")} > ${tolerance}) AS count
  FROM pieces p WHERE p.area > ${tolerance} GROUP BY p.idx
),
problems AS (
  SELECT s.idx, 'empty-geometry'::text AS kind, NULL::geometry AS g, NULL::int AS count,
    NULL::float8 AS width, NULL::float8 AS area, false AS placed
  FROM subj s WHERE (s.geom IS NULL OR ST_IsEmpty(s.geom)) AND coalesce(s.bad_count, 0) = 0
  UNION ALL
  SELECT s.idx, 'not-polygonal', CASE WHEN ST_Dimension(s.geom) = 1 THEN s.geom END, NULL, NULL, NULL, false
  FROM subj s WHERE ${polygonal} AND NOT ST_IsEmpty(s.geom) AND GeometryType(s.geom) NOT IN ('POLYGON', 'MULTIPOLYGON')
  UNION ALL
  SELECT s.idx, 'invalid-coordinates', NULL, s.bad_count, NULL, NULL, false FROM subj s WHERE s.bad_count > 0
  UNION ALL
  SELECT idx, kind, g, count, NULL, NULL, false FROM located
  UNION ALL
  SELECT idx, 'sliver', g, NULL, width, area, true FROM slivers
  UNION ALL
  SELECT idx, 'overlapping-parts', g, count, NULL, area, true FROM part_overlaps
)
SELECT p.idx AS s, t.fid AS sid, p.kind AS problem, p.count, p.width, p.area,
  ${ctx.geometry ? "ST_AsGeoJSON(p.g, 15)" : "NULL::text"} AS geojson,
  ${districtsColumn(ctx, "t", "CASE WHEN p.placed THEN p.g END")} AS districts
FROM problems p JOIN ${ctx.subject} t ON t.idx = p.idx`);
}

/** The measures of a problem row, as the in-process rule records them. */
function measuresOf(problem: string, count: number | null, width: number | null): Measures {
  if (problem === "sliver") return { widthMeters: width ?? 0 };
  return count === null ? {} : { count };
}

/** The valid-geometry rule in SQL. */
export const validGeometrySql: RuleSql<ValidGeometryRule> = {
  type: "valid-geometry",
  // the geometry as written: its problems are what the rule reports
  layerUse: { subject: { raw: true } },
  query: validGeometryQuery,
  ...rowByRow<ValidGeometryRule>((rule, row, ctx, facts): Finding => {
    const problem = row.problem as GeometryProblem;
    const featureId = row.sid as string;
    return {
      id: findingId(rule.id, featureId, problem),
      rule: rule.id,
      ruleType: rule.type,
      severity: rule.severity,
      status: "ok",
      subject: { layer: rule.subject.layer, featureId },
      constraint: null,
      problem,
      prevailing: facts.prevailing,
      message: facts.message,
      geometry: ctx.geometry ? findingGeometry(row.geojson) : null,
      areaSquareMeters: row.area ?? null,
      shareOfSubject: null,
      measures: measuresOf(problem, row.count ?? null, row.width ?? null),
      districts: sortedCodes(row.districts),
    };
  }),
};
