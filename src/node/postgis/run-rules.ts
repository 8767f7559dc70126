import type { Feature } from "geojson";
import pg, { type ClientBase } from "pg";
import type { LayerSelection, Rule } from "../../core/catalog/rules-schema";
import { authorityOf, type PreparedLayer, select, selectionTest } from "../../core/check/context";
import { descriptorFor } from "../../core/check/rules/descriptors";
import { sqlFor } from "../../core/check/rules/sql-index";
import {
  mergeResults,
  type PartialResult,
  type ScreenedChecks,
  screenChecks,
} from "../../core/check/run-checks";
import type { FindingContext, RuleSqlContext, SqlRow } from "../../core/check/sql/context";
import { sqlFunctions } from "../../core/check/sql/functions";
import type { CheckInput, CheckProblem, CheckResult, Finding } from "../../core/check/types";
import { DISTRICT_RELATION, type LayerUse, loadDistricts, loadLayer } from "./load-layers";
import { wireValues } from "./wire-values";

/** What a PostGIS run measured, ms. */
export type PostgisTimings = { load_ms: number; check_ms: number };

/** Options of a run inside PostGIS. */
export type PostgisRunOptions = {
  /**
   * Layers already in working relations (sources `postgis:…`, layers copied in as they were
   * read): layer id → relation.
   */
  loaded?: ReadonlyMap<string, string>;
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

/**
 * Whether some rule checks a feature of layer `id` as its subject (by its filter, read from the
 * feature's attributes: `selectionTest`): the features whose area a finding may divide by, so the
 * only ones a layer's load measures. A layer no rule has as subject measures none.
 */
export function subjectTest(rules: readonly Rule[], id: string): (feature: Feature) => boolean {
  const tests = rules.filter((r) => r.subject.layer === id).map((r) => selectionTest(r.subject));
  if (tests.length === 0) return () => false;
  return (feature) => tests.some((test) => test(feature));
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

/** A failure of the JS turning rows into findings: the run's own fault, not the query's. */
class RowFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs a query and hands each row to `onRow` as it arrives: findings are made while the server
 * computes the next rows, instead of after the last one (a rule's rows took ~10 % of the check
 * phase to read and turn into findings after its query). An exception of `onRow` stops the rows and
 * rejects with a `RowFailure` once the server is done.
 */
function streamRows(
  client: ClientBase,
  text: string,
  values: unknown[],
  onRow: (row: SqlRow) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: RowFailure | null = null;
    const query = client.query(new pg.Query<SqlRow>(text, values));
    query.on("row", (row: SqlRow) => {
      if (failure) return;
      try {
        onRow(row);
      } catch (error) {
        failure = new RowFailure(error);
      }
    });
    query.on("error", reject);
    query.on("end", () => (failure ? reject(failure) : resolve()));
  });
}

/** A rule's findings, and the subject feature (index in its layer, or null) of each. */
type RuleFindings = { findings: Finding[]; subjects: (number | null)[] };

/**
 * Runs a rule's query and turns its rows into findings (row by row as they arrive when the type
 * allows, `RuleSql.finding`); on an error, once more through the error-catching functions.
 */
async function ruleFindings(
  client: ClientBase,
  rule: Rule,
  ctx: RuleSqlContext,
  facts: FindingContext,
  explain: PostgisRunOptions["explain"],
): Promise<RuleFindings> {
  const sql = sqlFor(rule);
  const run = async (c: RuleSqlContext): Promise<RuleFindings> => {
    const query = sql.query(rule, c);
    const values = wireValues(query.values);
    if (explain) {
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (VERBOSE, COSTS OFF) ${query.text}`,
        values,
      );
      explain(rule, plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    const subjects: (number | null)[] = [];
    const { finding } = sql;
    if (finding) {
      const findings: Finding[] = [];
      await streamRows(client, query.text, values, (row) => {
        findings.push(finding(rule, row, c, facts));
        subjects.push(row.s ?? null);
      });
      return { findings, subjects };
    }
    const rows: SqlRow[] = [];
    await streamRows(client, query.text, values, (row) => rows.push(row));
    const findings = sql.findings(rule, rows, c, facts);
    for (let k = 0; k < findings.length; k++) subjects.push(rows[k]?.s ?? null);
    return { findings, subjects };
  };
  await client.query("SAVEPOINT pl_rule");
  try {
    const made = await run(ctx);
    await client.query("RELEASE SAVEPOINT pl_rule");
    return made;
  } catch (error) {
    if (error instanceof RowFailure) throw error.error;
    // a GEOS error on one pair fails the whole statement: run it again catching each pair's
    await client.query("ROLLBACK TO SAVEPOINT pl_rule");
  }
  try {
    return await run({ ...ctx, safe: true });
  } catch (error) {
    if (error instanceof RowFailure) throw error.error;
    throw new PostgisQueryError(rule.id, error);
  }
}

/**
 * Runs `body` in the run's transaction, with the run's functions (`sqlFunctions`) made: layers are
 * loaded and checked inside it, and it is rolled back at the end, so nothing is left in the
 * database (the working relations are temporary besides: no other session ever sees them).
 */
export async function inRun<T>(client: ClientBase, body: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    // The rules' queries cost millions in the planner's units (ST_Intersection alone is 10 000 a
    // call), far over jit_above_cost, so a server with JIT on (PostgreSQL's default) compiled each
    // one: ~300 ms of 600 at 10 000 × 2 000 zones, for expressions that are calls into GEOS, which
    // compiled code cannot make faster. Off for this transaction only.
    await client.query("SET LOCAL jit = off");
    // the district functions read their relation when called: made before it is loaded
    for (const statement of sqlFunctions(DISTRICT_RELATION)) await client.query(statement);
    return await body();
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
  }
}

/**
 * Runs the rules of `input` inside PostGIS over one connection, in one transaction (`inRun`): see
 * {@link checkInRun}.
 */
export function runChecksInPostgis(
  client: ClientBase,
  input: CheckInput,
  options: PostgisRunOptions = {},
): Promise<{ result: CheckResult; timings: PostgisTimings }> {
  return inRun(client, () => checkInRun(client, input, options));
}

/**
 * Runs the rules of `input` in the run's transaction (`inRun`): screens them as the in-process
 * engine does (`screenChecks`: the same problems, the same rules left out), loads the layers the
 * rules read that are not loaded yet (`loaded`: checked in place, or copied in as they were read)
 * by COPY into temporary tables with GiST indexes, runs each rule's SQL and turns its rows into
 * findings with the engine's own id, authority and merge code (`mergeResults`), so the result has
 * the in-process engine's shape and order.
 */
export async function checkInRun(
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
  const relations = new Map<string, string>(options.loaded ?? []);
  for (const [id, use] of layerUses(screened.rules)) {
    if (relations.has(id)) continue;
    const layer = screened.engine.layers.get(id) as PreparedLayer;
    relations.set(
      id,
      await loadLayer(client, id, layer.features, use, subjectTest(screened.rules, id)),
    );
  }
  const hasDistricts = screened.engine.districts.districts.length > 0;
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
    // a subject's unit: its place in the rule's selection (typed array: a Map of 25 000 was slower)
    const position = order ? new Int32Array(subject.features.length) : null;
    if (order && position) for (let k = 0; k < order.length; k++) position[order[k] as number] = k;
    const count = order ? order.length : subject.features.length;
    const constraintId = "constraint" in rule && rule.constraint ? rule.constraint.layer : null;
    const constraintEntry = constraintId
      ? screened.engine.layers.get(constraintId)?.entry
      : undefined;
    const facts = authorityOf(subject.entry, constraintEntry);
    const made = await ruleFindings(client, rule, ctx, facts, options.explain);
    for (let k = 0; k < made.findings.length; k++) {
      const s = made.subjects[k];
      const at = s === null || s === undefined ? 0 : position ? (position[s] ?? 0) : s;
      findings.push(made.findings[k] as Finding);
      units.push(base + at);
    }
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
}
