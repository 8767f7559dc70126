import type { Rule } from "../../catalog/rules-schema";
import type { PreparedLayer } from "../context";
import type { Finding } from "../types";
import type { SqlQuery } from "./query";

/*
 * What the SQL of a rule reads. Every layer of a run is one relation with the columns
 *   idx int (position in the layer, as the in-process engine numbers features), fid text (the
 *   feature id, `featureId`), props jsonb, geom geometry (as read, SRID 4326; null when it could not
 *   be read), geom_err text, bad_count int, poly geometry (its polygonal part as the in-process
 *   engine prepares it: rings closed, repeats dropped, made valid where it is not (`madeValid` in
 *   ./fragments.ts); null when none), raw_poly geometry (that part before it was made valid; null
 *   when it was valid: what valid-geometry reports on), area float8 (poly's area as
 *   the in-process engine measures it, `areaOf`, m²; null when the layer was not read by the
 *   project's readers, as for a table checked in place, or has no polygonal part, or poly was
 *   made valid here)
 * and the district layer, when there is one, is a relation (code text, poly geometry).
 */

/** How a layer is read by the rules, which decides what it is loaded and indexed with. */
export type LayerUse = {
  /** Some rule reads the geometry as written, not only its prepared polygons. */
  raw: boolean;
  /** Some rule finds candidates by geography distance: an index on the geography. */
  geography: boolean;
};

/**
 * How one rule's query reads the run's relations (all names already quoted). A rule type's own
 * fields (its `RuleSql.context` sets them) are declared beside its query (`declare module` in
 * `rules/<type>/sql.ts`).
 */
export interface RuleSqlContext {
  subject: string;
  /** The constraint layer's relation (null: the rule has none). */
  constraint: string | null;
  /** Subject features the rule's filter keeps (null: every feature). */
  subjectSelection: number[] | null;
  constraintSelection: number[] | null;
  /** The rule compares a layer with itself. */
  sameLayer: boolean;
  /** Pairs a rule on one layer keeps: each unordered pair once ("after"), or every other feature. */
  self: "none" | "after" | "other";
  /** The district relation (null: districts come from the subject's `district_code`). */
  districts: string | null;
  /** Whether rows carry the finding's geometry as GeoJSON. */
  geometry: boolean;
  /**
   * Geometry operations through the error-catching functions of `sqlFunctions`: a pair whose
   * operation fails becomes a not-computed row instead of failing the query (slower: one
   * subtransaction per call, so a run tries the plain query first).
   */
  safe: boolean;
  /** Whether the subject layer's catalogue entry says polygons. */
  polygonal: boolean;
}

/**
 * A row of a rule's query: the columns a finding is made of (absent columns are null). Columns
 * only one rule type's query gives are declared beside it (`declare module` in `rules/<type>/sql.ts`).
 */
export interface SqlRow {
  /** Subject feature index and id. */
  s: number | null;
  sid: string | null;
  /** Constraint feature index and id (null for within and quota). */
  c: number | null;
  cid: string | null;
  geojson: string | null;
  area: number | null;
  subject_area: number | null;
  err: string | null;
  districts: string[] | null;
}

/** The catalogue facts a rule's findings carry, decided in JS before the query. */
export type FindingContext = Pick<Finding, "prevailing" | "message">;

/** The prepared layers a rule's query reads (the constraint null when it reads none). */
export type RuleSqlLayers = { subject: PreparedLayer; constraint: PreparedLayer | null };

/** A rule type compiled to SQL: its query, and its rows turned into the engine's findings. */
export type RuleSql<R extends Rule> = {
  type: R["type"];
  /** What the type needs of its layers beyond their prepared polygons (default: nothing). */
  layerUse?: { subject?: Partial<LayerUse>; constraint?: Partial<LayerUse> };
  /** Functions the type's queries call, created with the run's (`sqlFunctions`). */
  functions?: readonly string[];
  /** The type's own part of a rule's context, decided in JS before the query (pairs, matrix values). */
  context?(rule: R, ctx: RuleSqlContext, layers: RuleSqlLayers): RuleSqlContext;
  query(rule: R, ctx: RuleSqlContext): SqlQuery;
  /**
   * The finding of one row, for a type whose every row is one finding (all but quota): the run
   * makes each as its row arrives, while the server computes the next ones (`rowByRow`).
   */
  finding?(rule: R, row: SqlRow, ctx: RuleSqlContext, facts: FindingContext): Finding;
  /** The findings of all the query's rows. */
  findings(rule: R, rows: SqlRow[], ctx: RuleSqlContext, facts: FindingContext): Finding[];
};

/**
 * `finding` and `findings` of a type whose every row is one finding: the same function for a row
 * as it arrives and for all of them.
 */
export function rowByRow<R extends Rule>(
  finding: NonNullable<RuleSql<R>["finding"]>,
): Pick<RuleSql<R>, "finding" | "findings"> {
  return {
    finding,
    findings: (rule, rows, ctx, facts) => rows.map((row) => finding(rule, row, ctx, facts)),
  };
}
