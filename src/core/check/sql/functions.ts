import { localBuffer } from "../rules/min-distance/sql";
import { WGS84_A, WGS84_E2 } from "../wgs84";

/*
 * Functions a run creates in its session's own temporary schema (`pg_temp`): gone when the session
 * ends, invisible to other sessions, nothing left behind in the user's database. Fixed text: the
 * district relation is the only name written in, quoted by the caller.
 */

/** The statements creating the run's functions; `districts` is the quoted district relation. */
export function sqlFunctions(districts: string | null): string[] {
  const out = [
    // GeoJSON text → geometry, or the reason it is not one (the layer's row keeps it)
    `CREATE FUNCTION pg_temp.pl_geom(text, OUT g geometry, OUT err text) LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  g := ST_SetSRID(ST_GeomFromGeoJSON($1), 4326);
EXCEPTION WHEN OTHERS THEN
  err := SQLERRM;
END $f$`,
    `CREATE FUNCTION pg_temp.pl_intersection(a geometry, b geometry, OUT g geometry, OUT err text) LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  g := ST_CollectionExtract(ST_Intersection(a, b), 3);
EXCEPTION WHEN OTHERS THEN
  err := SQLERRM;
END $f$`,
    `CREATE FUNCTION pg_temp.pl_difference(a geometry, b geometry, OUT g geometry, OUT err text) LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  g := CASE WHEN b IS NULL THEN a ELSE ST_CollectionExtract(ST_Difference(a, ST_UnaryUnion(b)), 3) END;
EXCEPTION WHEN OTHERS THEN
  err := SQLERRM;
END $f$`,
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
  if (districts) {
    out.push(
      // districts whose interior a polygonal area meets: a piece over 1 m², or the area inside one
      // (districtsOfArea); a failing clip counts the district in, as there
      `CREATE FUNCTION pg_temp.pl_district_codes(g geometry) RETURNS text[] LANGUAGE plpgsql STABLE AS $f$
DECLARE
  codes text[] := '{}';
  d record;
BEGIN
  IF g IS NULL THEN RETURN codes; END IF;
  FOR d IN SELECT code, poly FROM ${districts} WHERE ST_Intersects(poly, g) LOOP
    BEGIN
      IF ST_Dimension(g) < 2 OR ST_CoveredBy(g, d.poly) OR ST_CoveredBy(d.poly, g)
        OR ST_Area(ST_Intersection(d.poly, g)::geography) > 1 THEN
        codes := codes || d.code;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      codes := codes || d.code;
    END;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT unnest(codes));
END $f$`,
      // the subject's own districts; the conflict's when the subject spans several (districtsFor)
      `CREATE FUNCTION pg_temp.pl_districts(whole geometry, part geometry) RETURNS text[] LANGUAGE plpgsql STABLE AS $f$
DECLARE
  codes text[] := pg_temp.pl_district_codes(whole);
BEGIN
  IF cardinality(codes) <= 1 OR part IS NULL OR ST_IsEmpty(part) THEN RETURN codes; END IF;
  RETURN pg_temp.pl_district_codes(part);
END $f$`,
    );
  }
  return out;
}
