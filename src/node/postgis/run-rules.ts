import type { ClientBase } from "pg";
import type { LayerSelection, Rule } from "../../core/catalog/rules-schema";
import { authorityOf, type PreparedLayer, select } from "../../core/check/context";
import { descriptorFor } from "../../core/check/rules/descriptors";
import { sqlFor } from "../../core/check/rules/sql-index";
import {
  mergeResults,
  type PartialResult,
  type ScreenedChecks,
  screenChecks,
} from "../../core/check/run-checks";
import type { RuleSqlContext, SqlRow } from "../../core/check/sql/context";
import { sqlFunctions } from "../../core/check/sql/functions";
import type { CheckInput, CheckProblem, CheckResult, Finding } from "../../core/check/types";
import { DISTRICT_RELATION, type LayerUse, loadDistricts, loadLayer } from "./load-layers";
import { wireValues } from "./wire-values";

/** What a PostGIS run measured, ms. */
export type PostgisTimings = { load_ms: number; check_ms: number };

/** Options of a run inside PostGIS. */
export type PostgisRunOptions = {
  /** Layers already in working relations (sources `postgis:…`): layer id → relation. */
  inPlace?: ReadonlyMap<string, string>;
  /** Whether findings keep their geometry (false for CSV). */
  findingGeometry?: boolean;
  /** The error stopping the run when screening found problems that are errors (null: go on). */
  stop?: (problems: CheckProblem[]) => Error | null;
  /**
   * Called with each rule's query plan (`EXPLAIN (VERBOSE)`: with each node's output columns)
   * before the query runs: tests read it.
   */
  explain?: (rule: Rule, plan: string) => void;
};

/** A rule's query failed even through the error-catching functions. */
export class PostgisQueryError extends Error {
  constructor(
    readonly rule: string,
    override readonly cause: unknown,
  ) {
    super(`rule ${rule}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PostgisQueryError";
  }
}

/** The layer of a rule's constraint features, null when it has none (or only names a plan). */
function constraintLayer(rule: Rule): string | null {
  if (!("constraint" in rule && rule.constraint)) return null;
  return descriptorFor(rule).constraint === "features" ? rule.constraint.layer : null;
}

/** How each layer is read by the rules that will run. */
export function layerUses(rules: readonly Rule[]): Map<string, LayerUse> {
  const uses = new Map<string, LayerUse>();
  const use = (id: string) => {
    let u = uses.get(id);
    if (!u) {
      u = { raw: false, geography: false };
      uses.set(id, u);
    }
    return u;
  };
  // a layer read by several rules is loaded with what each of them needs
  const add = (u: LayerUse, need: Partial<LayerUse> | undefined) => {
    if (need?.raw) u.raw = true;
    if (need?.geography) u.geography = true;
  };
  for (const rule of rules) {
    const needs = sqlFor(rule).layerUse;
    add(use(rule.subject.layer), needs?.subject);
    const constraintId = constraintLayer(rule);
    if (constraintId) add(use(constraintId), needs?.constraint);
  }
  return uses;
}

/** The features a selection keeps, or null when it keeps them all (no condition in the SQL). */
function selection(layer: PreparedLayer, rule: Rule, role: "subject" | "constraint") {
  const chosen: LayerSelection | null | undefined =
    role === "subject"
      ? rule.subject
      : "constraint" in rule && rule.constraint && "filter" in rule.constraint
        ? (rule.constraint as LayerSelection)
        : null;
  if (!chosen?.filter) return null;
  return select(layer, chosen);
}

/** The query context of one rule. */
function contextOf(
  rule: Rule,
  screened: ScreenedChecks,
  relations: ReadonlyMap<string, string>,
  districts: string | null,
  geometry: boolean,
): RuleSqlContext {
  const { layers } = screened.engine;
  const subject = layers.get(rule.subject.layer) as PreparedLayer;
  const constraintId = constraintLayer(rule);
  const constraint = constraintId ? (layers.get(constraintId) as PreparedLayer) : null;
  const sameLayer = constraint === subject;
  const ctx: RuleSqlContext = {
    subject: relations.get(subject.id) as string,
    constraint: constraint ? (relations.get(constraint.id) as string) : null,
    subjectSelection: selection(subject, rule, "subject"),
    constraintSelection: constraint ? selection(constraint, rule, "constraint") : null,
    sameLayer,
    self: "none",
    districts,
    geometry,
    safe: false,
    polygonal: subject.entry ? subject.entry.geometryType === "polygon" : true,
  };
  return sqlFor(rule).context?.(rule, ctx, { subject, constraint }) ?? ctx;
}

/** Runs a rule's query; on an error, once more through the error-catching functions. */
async function rowsOf(
  client: ClientBase,
  rule: Rule,
  ctx: RuleSqlContext,
  explain: PostgisRunOptions["explain"],
): Promise<{ rows: SqlRow[]; ctx: RuleSqlContext }> {
  const run = async (c: RuleSqlContext) => {
    const query = sqlFor(rule).query(rule, c);
    if (explain) {
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (VERBOSE, COSTS OFF) ${query.text}`,
        wireValues(query.values),
      );
      explain(rule, plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    return (await client.query<SqlRow>(query.text, wireValues(query.values))).rows;
  };
  await client.query("SAVEPOINT pl_rule");
  try {
    const rows = await run(ctx);
    await client.query("RELEASE SAVEPOINT pl_rule");
    return { rows, ctx };
  } catch {
    // a GEOS error on one pair fails the whole statement: run it again catching each pair's
    await client.query("ROLLBACK TO SAVEPOINT pl_rule");
  }
  const safe = { ...ctx, safe: true };
  try {
    return { rows: await run(safe), ctx: safe };
  } catch (error) {
    throw new PostgisQueryError(rule.id, error);
  }
}

/**
 * Runs the rules of `input` inside PostGIS over one connection, in one transaction: screens them as
 * the in-process engine does (`screenChecks`: the same problems, the same rules left out), loads the
 * layers the rules read (except those checked in place) by COPY into temporary tables with GiST
 * indexes, runs each rule's SQL and turns its rows into findings with the engine's own id, authority
 * and merge code (`mergeResults`), so the result has the in-process engine's shape and order.
 * Rolls back at the end: nothing is left in the database.
 */
export async function runChecksInPostgis(
  client: ClientBase,
  input: CheckInput,
  options: PostgisRunOptions = {},
): Promise<{ result: CheckResult; timings: PostgisTimings }> {
  const t0 = performance.now();
  const screened = screenChecks(input);
  // a rule that cannot run would leave its conflicts out: stop before checking the others
  const stop = options.stop?.(screened.problems);
  if (stop) throw stop;
  const geometry = options.findingGeometry ?? input.findingGeometry ?? true;
  await client.query("BEGIN");
  try {
    // The rules' queries cost millions in the planner's units (ST_Intersection alone is 10 000 a
    // call), far over jit_above_cost, so a server with JIT on (PostgreSQL's default) compiled each
    // one: ~300 ms of 600 at 10 000 × 2 000 zones, for expressions that are calls into GEOS, which
    // compiled code cannot make faster. Off for this transaction only.
    await client.query("SET LOCAL jit = off");
    const hasDistricts = screened.engine.districts.districts.length > 0;
    for (const statement of sqlFunctions(hasDistricts ? DISTRICT_RELATION : null)) {
      await client.query(statement);
    }
    const relations = new Map<string, string>(options.inPlace ?? []);
    for (const [id, use] of layerUses(screened.rules)) {
      if (relations.has(id)) continue;
      const layer = screened.engine.layers.get(id) as PreparedLayer;
      relations.set(id, await loadLayer(client, id, layer.features, use));
    }
    const districts = hasDistricts ? await loadDistricts(client, screened.engine.districts) : null;
    const t1 = performance.now();
    const findings: Finding[] = [];
    const units: number[] = [];
    let base = 0;
    let unitCount = 0;
    for (const rule of screened.rules) {
      const ctx = contextOf(rule, screened, relations, districts, geometry);
      const subject = screened.engine.layers.get(rule.subject.layer) as PreparedLayer;
      const order = ctx.subjectSelection;
      const position = new Map<number, number>();
      if (order) for (const [k, idx] of order.entries()) position.set(idx, k);
      const count = order ? order.length : subject.features.length;
      const constraintId = "constraint" in rule && rule.constraint ? rule.constraint.layer : null;
      const constraintEntry = constraintId
        ? screened.engine.layers.get(constraintId)?.entry
        : undefined;
      const facts = authorityOf(subject.entry, constraintEntry);
      const ran = await rowsOf(client, rule, ctx, options.explain);
      const made = sqlFor(rule).findings(rule, ran.rows, ran.ctx, facts);
      made.forEach((finding, k) => {
        const s = ran.rows[k]?.s;
        const at = s === null || s === undefined ? 0 : order ? (position.get(s) ?? 0) : s;
        findings.push(finding);
        units.push(base + at);
      });
      base += count;
      unitCount += count;
    }
    const partial: PartialResult = {
      rules: screened.rules.map((r) => ({ id: r.id, type: r.type, severity: r.severity })),
      findings,
      units,
      accumulators: [],
      problems: screened.problems,
      stats: { units: unitCount, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
    };
    const result = mergeResults([partial]);
    return { result, timings: { load_ms: t1 - t0, check_ms: performance.now() - t1 } };
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
  }
}
