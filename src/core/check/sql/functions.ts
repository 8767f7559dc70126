import { ruleSqlFunctions } from "../rules/sql-index";

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
    // the functions of the rule types' own queries
    ...ruleSqlFunctions(),
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
