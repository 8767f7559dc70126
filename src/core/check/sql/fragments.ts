import type { RuleSqlContext } from "./context";
import type { SqlParams } from "./query";

/*
 * Pieces every rule's SQL shares. Each returns SQL text built only from quoted relation names,
 * placeholders from `SqlParams` and fixed text: never from a value.
 */

/** `AND alias.idx = ANY($n)` when a filter keeps some features; nothing when it keeps all. */
export function selected(alias: string, selection: number[] | null, params: SqlParams): string {
  return selection === null ? "" : ` AND ${alias}.idx = ANY(${params.add(selection, "int[]")})`;
}

/*
 * `OFFSET 0` below keeps PostgreSQL from inlining a sub-select into the query around it: inlined,
 * the expression is written out again wherever its column is read, so a pair kept by the tolerance
 * was clipped three times (the area test, the area column, the GeoJSON column) instead of once.
 */

/**
 * A LATERAL source of one row (g, err): the polygonal part of a ∩ b, or the error the operation
 * raised when the run is in safe mode. Computed once, however often g is read.
 */
export function intersection(ctx: RuleSqlContext, a: string, b: string): string {
  return ctx.safe
    ? `pg_temp.pl_intersection(${a}, ${b})`
    : `(SELECT ST_CollectionExtract(ST_Intersection(${a}, ${b}), 3) AS g, NULL::text AS err OFFSET 0)`;
}

/**
 * A LATERAL source of one row (g, err): the polygonal part of a minus the union of the collection b
 * (a itself when b is null). The union is taken here, not where b is gathered, so that a failing
 * union is caught in safe mode like a failing difference. Computed once, however often g is read.
 */
export function difference(ctx: RuleSqlContext, a: string, b: string): string {
  return ctx.safe
    ? `pg_temp.pl_difference(${a}, ${b})`
    : `(SELECT CASE WHEN ${b} IS NULL THEN ${a} ELSE ST_CollectionExtract(ST_Difference(${a}, ST_UnaryUnion(${b})), 3) END AS g, NULL::text AS err OFFSET 0)`;
}

/**
 * A LATERAL source of one row (g, err, area) from a source of (g, err) such as `intersection`: g's
 * area on the spheroid beside it, computed once for the tolerance test and the area column. The
 * columns a kept pair alone needs (GeoJSON, the subject's area, its districts) belong in the
 * query's output list, which PostgreSQL evaluates only for the rows its WHERE keeps.
 */
export function measured(source: string): string {
  return `(SELECT x.g, x.err, ${geodesicArea("x.g")} AS area FROM ${source} x OFFSET 0)`;
}

/**
 * A LATERAL source of one row (poly, raw_poly) from a polygonal geometry `g` (null allowed): poly is
 * g when valid, else g repaired as the in-process engine repairs it (`madeValid`):
 * `ST_MakeValid(g, 'method=structure')`, its polygons (null when none are left); raw_poly is g when
 * it was repaired, else null. `ST_IsValid` once per feature, `ST_MakeValid` only where it fails.
 * `g` is read four times here: the caller's source of it must not be inlined (`OFFSET 0`), else
 * the GeoJSON it is parsed from is parsed four times.
 */
export function madeValid(g: string): string {
  const fixed = `ST_Multi(ST_CollectionExtract(ST_MakeValid(${g}, 'method=structure'), 3))`;
  return `(SELECT CASE WHEN v.ok THEN ${g} ELSE (SELECT CASE WHEN ST_IsEmpty(f.g) THEN NULL ELSE f.g END FROM (SELECT ${fixed} AS g) f) END AS poly,
  CASE WHEN NOT v.ok THEN ${g} END AS raw_poly
  FROM (SELECT ${g} IS NULL OR ST_IsValid(${g}) AS ok) v)`;
}

/** Area on the WGS84 spheroid, m² (PostGIS geography; see README for how it compares). */
export const geodesicArea = (g: string) => `ST_Area((${g})::geography)`;

/**
 * The subject's area, the denominator of `shareOfSubject`: the relation's `area` (the in-process
 * engine's `areaOf`, written at load), measured here only where the relation has none (a table
 * checked in place). Measuring every kept pair's subject here took a geography cast each (~35 µs:
 * the cast computes a geodetic bounding box), a fifth of the pair query at 10 000 × 2 000 zones.
 */
export function subjectAreaColumn(subject: string): string {
  return `coalesce(${subject}.area, ${geodesicArea(`${subject}.poly`)})`;
}

/** The finding's geometry as GeoJSON (15 decimals: what the run computed), or null. */
export function geojsonColumn(ctx: RuleSqlContext, g: string): string {
  return ctx.geometry ? `ST_AsGeoJSON(${g}, 15)` : "NULL::text";
}

/**
 * The districts a finding lies in, as the in-process engine says it (`districtsFor`): by the
 * district layer (the subject's own districts, or the conflict's when the subject spans several),
 * else the subject's `district_code`. As a JSON array: `pg` reads json with `JSON.parse`, several
 * times faster than its parser of a text[] column (~5 µs a row).
 */
export function districtsColumn(ctx: RuleSqlContext, subject: string, part: string): string {
  if (ctx.districts)
    return `to_json(pg_temp.pl_districts(coalesce(${subject}.poly, ${subject}.geom), ${part}))`;
  return `to_json(CASE WHEN jsonb_typeof(${subject}.props -> 'district_code') IN ('string', 'number') THEN ARRAY[${subject}.props ->> 'district_code'] ELSE '{}'::text[] END)`;
}
