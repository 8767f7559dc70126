import type { Rule, RuleType, Severity } from "../catalog/rules-schema";
import type { LocalizedText } from "../catalog/schema";
import { type Engine, type PreparedLayer, prepareLayer } from "./context";
import { buildDistrictIndex } from "./district-index";
import { compareIds, idKeys } from "./id-order";
import { createClipperKernel } from "./kernel";
import { polygonsOf } from "./prepared-geometry";
import {
  layerNotInCatalogue,
  layersNotLoaded,
  layersNotPolygonal,
  ruleSetupFailed,
} from "./problem-messages";
import { checkRuleData, codeColumnProblems } from "./rule-data";
import { type RuleMemo, ruleMemoKey, statsSince } from "./rule-memo";
import { descriptorOfType } from "./rules/descriptors";
import { moduleFor } from "./rules/index";
import type { RuleAccumulator, RuleChecker } from "./rules/types";
import { finishSteps, ITEMS_PER_STEP, sortSteps, sparseClock, yieldToEventLoop } from "./steps";
import type {
  CheckInput,
  CheckProblem,
  CheckResult,
  CheckStats,
  Finding,
  RuleSummary,
} from "./types";

/** The input bound to prepared layers and rule checkers; built once per thread. */
export type PreparedChecks = {
  engine: Engine;
  rules: { rule: Rule; checker: RuleChecker }[];
  problems: CheckProblem[];
  /** Units of work (subject feature × rule) over all partitions. */
  units: number;
  /** The kernel's grid origin, as text: part of a {@link RuleMemo} key. */
  origin: string;
  /** Layers only ever checked as subjects: a window's prepared geometries are not needed after it. */
  subjectOnly: ReadonlySet<string>;
};

/**
 * Which share of the work a call does: units u with u mod `count` = `index`. Interleaving keeps the
 * partitions even when costly features cluster; partitions of one input can run in any thread.
 * `contiguous` cuts each rule's subject layer into `count` windows of consecutive features instead
 * (consecutive in the layer's spatial order when it has one: `PreparedLayer.rank`), partition
 * `index` checking, for every rule, the subjects in window `index`: a window of a
 * streamed layer is read once, in file order (in a FlatGeobuf, a spatial window), and its prepared
 * geometries serve every rule, where interleaving would read the whole layer again for each rule
 * (and, held in memory, take it through the processor's cache again for each rule). Once checked,
 * a window's subjects are let go in the layers no rule reads as constraints
 * (`PreparedLayer.forget`): no other window reads them (one asked for again is prepared again),
 * and held they would outlive the young generation, to be copied and kept to the end (at 50 000 ×
 * 5 000, 11 000 zones, their rings and their snapped rings).
 */
export type Partition = { index: number; count: number; contiguous?: boolean };

/** First position in the ascending `subjects` holding `value` or more. */
function lowerBound(subjects: readonly number[], value: number): number {
  let low = 0;
  let high = subjects.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((subjects[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where each rule's units of a contiguous partition lie in its `subjects`: positions [from, to),
 * or, when `picks` is given, the positions `picks[from, to)`.
 */
type UnitWindow = { from: number; to: number; picks: Int32Array | null };

/**
 * Per checker, the position in its `subjects` of the feature of each rank of its subject layer (-1:
 * not a subject), made once: a window of ranks is then a slice of it, where filtering every
 * subject for every window cost subjects × windows (64 windows of 10 000 zones × 3 rules, two
 * threads: 67 ms of the main thread's 448 ms check).
 */
const subjectsByRank = new WeakMap<RuleChecker, Int32Array>();

function subjectsByRankOf(checker: RuleChecker, rank: ArrayLike<number>): Int32Array {
  const known = subjectsByRank.get(checker);
  if (known) return known;
  // ranks are a permutation of the layer's feature indexes
  const byRank = new Int32Array(rank.length).fill(-1);
  checker.subjects.forEach((feature, position) => {
    byRank[rank[feature] as number] = position;
  });
  subjectsByRank.set(checker, byRank);
  return byRank;
}

/**
 * Each rule's units of a contiguous partition: the subjects in window `index` of `count` of the
 * rule's subject layer, by feature index (file order), or by the layer's spatial `rank` when it
 * has one (a layer shared between threads: each thread checks a region, reading its features).
 * A window's picks are in position order, as a rule lists its subjects.
 */
function windowsOf(prepared: PreparedChecks, { index, count }: Partition): UnitWindow[] {
  return prepared.rules.map(({ rule, checker }): UnitWindow => {
    const layer = prepared.engine.layers.get(rule.subject.layer);
    const size = layer?.features.length ?? 0;
    const first = Math.floor((size * index) / count);
    const end = Math.floor((size * (index + 1)) / count);
    const rank = layer?.rank;
    if (!rank) {
      const from = lowerBound(checker.subjects, first);
      return { from, to: lowerBound(checker.subjects, end), picks: null };
    }
    const picks = subjectsByRankOf(checker, rank)
      .slice(first, end)
      .filter((position) => position >= 0)
      .sort();
    return { from: 0, to: picks.length, picks };
  });
}

/** Options of a run: which partition, cancellation and progress. */
export type RunOptions = {
  part?: Partition;
  /** Checked between units; an aborted run throws the signal's reason. */
  signal?: AbortSignal;
  /** Called with units done and units in this partition, about every 1 % and at the end. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Outcomes of rules checked by earlier runs over the same layers: a rule found there is not
   * checked again, and a rule checked to the end is added. Only for runs over the data the memo was
   * filled from (a check worker keeps one per data message).
   */
  memo?: RuleMemo;
};

/** What one partition found: plain data, structured-cloneable, to send from a worker. */
export type PartialResult = {
  rules: { id: string; type: RuleType; severity: Severity }[];
  findings: Finding[];
  /**
   * The unit each finding came from, as its position in the order of all units (rules, then their
   * subjects): the merge puts findings back in that order, which is nearly the output order, so
   * sorting them costs little.
   */
  units: number[];
  accumulators: RuleAccumulator[];
  problems: CheckProblem[];
  stats: CheckStats;
};

const emptyStats = (): CheckStats => ({
  units: 0,
  candidatePairs: 0,
  shortcutPairs: 0,
  kernelCalls: 0,
});

/** The rules that can run on an input, bound to its layers, and the problems that stopped the rest. */
export type ScreenedChecks = {
  engine: Engine;
  /** Rules whose layers are loaded and whose data checks passed, in input order. */
  rules: Rule[];
  problems: CheckProblem[];
  /** The kernel's grid origin, as text. */
  origin: string;
};

/**
 * Everything {@link prepareChecks} decides before a rule is bound to a checker: layers indexed lazily,
 * the district index, and which rules run. A rule naming a layer that is not loaded, reading data it
 * cannot match (`checkRuleData`: an attribute no feature has, land-use codes it cannot read, an
 * unknown quota district) becomes an error problem and is left out. Reads properties only, never
 * geometry: the PostGIS engine screens the same way on layers whose geometry stays in the database.
 * Pure: no I/O.
 */
export function screenChecks(input: CheckInput): ScreenedChecks {
  const problems: CheckProblem[] = [];
  const entries = new Map(input.catalog.map((e) => [e.id, e]));
  const layers = new Map<string, PreparedLayer>();
  const layerOf = (id: string): PreparedLayer | undefined => {
    const known = layers.get(id);
    if (known) return known;
    const collection = input.layers[id];
    if (!collection) return undefined;
    // every rule measures invalid polygons as repaired (made-valid.ts), in both engines
    const layer = prepareLayer(id, collection, entries.get(id), { repair: true });
    layers.set(id, layer);
    return layer;
  };
  const origin = originOf(input);
  const engine: Engine = {
    layers,
    kernel: input.kernel ?? createClipperKernel({ origin }),
    ringOverlay: input.kernel === undefined,
    districts: buildDistrictIndex(input.districts),
    findingGeometry: input.findingGeometry ?? true,
    stats: emptyStats(),
  };
  const rules: Rule[] = [];
  const skip = (rule: Rule, message: LocalizedText) =>
    problems.push({ rule: rule.id, severity: "error", message });
  // code attributes read by the rules, layer by layer: their values' problems are told once
  const columns = new Map<PreparedLayer, Map<string, string[]>>();
  for (const rule of input.rules) {
    const names = [rule.subject.layer];
    if ("constraint" in rule && rule.constraint) names.push(rule.constraint.layer);
    const missing = names.filter((id) => !layerOf(id));
    if (missing.length > 0) {
      skip(rule, layersNotLoaded(rule, missing));
      continue;
    }
    for (const id of names) {
      if (!entries.has(id)) {
        // the rule runs; only its findings' prevailing plan is unknown
        const message = layerNotInCatalogue(rule, id);
        problems.push({ rule: rule.id, severity: "warning", message });
      }
    }
    const notPolygonal = polygonalRoles(rule).filter(
      ({ id }) => (entries.get(id)?.geometryType ?? "polygon") !== "polygon",
    );
    if (notPolygonal.length > 0) {
      skip(rule, layersNotPolygonal(rule, notPolygonal));
      continue;
    }
    const ruleModule = moduleFor(rule);
    const unavailable = ruleModule.precondition?.(rule, input) ?? null;
    if (unavailable) {
      skip(rule, unavailable);
      continue;
    }
    const data = checkRuleData(rule, engine, ruleModule.attributes?.(rule) ?? []);
    // the type's own checks (a quota's district codes), once the common ones passed
    const own = data.blocked ? undefined : ruleModule.checkData?.(rule, engine);
    // a loop, not push(...): a rules file may hold any number of values (see finalizeQuota)
    for (const problem of data.problems) problems.push(problem);
    for (const message of own?.problems ?? []) {
      problems.push({ rule: rule.id, severity: "error", message });
    }
    for (const { layer, attribute } of data.columns) {
      const byAttribute = columns.get(layer) ?? new Map<string, string[]>();
      columns.set(layer, byAttribute);
      const readers = byAttribute.get(attribute) ?? [];
      if (!readers.includes(rule.id)) readers.push(rule.id);
      byAttribute.set(attribute, readers);
    }
    if (data.blocked || own?.blocked) continue;
    rules.push(rule);
  }
  for (const [layer, byAttribute] of columns) {
    for (const [attribute, ids] of byAttribute) {
      for (const problem of codeColumnProblems(layer, attribute, ids)) problems.push(problem);
    }
  }
  return { engine, rules, problems, origin: String(origin) };
}

/**
 * Binds rules to layers ({@link screenChecks}) and builds one checker per rule that may run; a
 * rule whose set-up fails becomes an error problem and is left out; the other rules run.
 * Pure: no I/O, same result in Node, a Worker or a page.
 */
export function prepareChecks(input: CheckInput): PreparedChecks {
  const screened = screenChecks(input);
  const { engine, problems } = screened;
  const rules: PreparedChecks["rules"] = [];
  for (const rule of screened.rules) {
    try {
      rules.push({ rule, checker: moduleFor(rule).create(rule, engine) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ rule: rule.id, severity: "error", message: ruleSetupFailed(rule, reason) });
    }
  }
  const units = rules.reduce((sum, r) => sum + r.checker.subjects.length, 0);
  const subjectOnly = new Set(rules.map(({ rule }) => rule.subject.layer));
  for (const { rule } of rules) {
    if ("constraint" in rule && rule.constraint) subjectOnly.delete(rule.constraint.layer);
  }
  return { engine, rules, problems, units, origin: screened.origin, subjectOnly };
}

/** Lets go of the subjects of a checked partition's `windows` (see {@link Partition}). */
function releaseWindows(prepared: PreparedChecks, windows: UnitWindow[]): void {
  prepared.rules.forEach(({ rule, checker }, r) => {
    if (!prepared.subjectOnly.has(rule.subject.layer)) return;
    const layer = prepared.engine.layers.get(rule.subject.layer);
    const window = windows[r];
    if (!layer || !window) return;
    for (let p = window.from; p < window.to; p++) {
      layer.forget(checker.subjects[window.picks ? (window.picks[p] as number) : p] as number);
    }
  });
}

/**
 * A position fixed by the input alone (the first vertex of the first rule's first polygonal subject
 * feature), so every thread working on the input gives the kernel the same grid origin.
 */
function originOf(input: CheckInput): [number, number] | undefined {
  for (const rule of input.rules) {
    for (const feature of input.layers[rule.subject.layer]?.features ?? []) {
      const p = polygonsOf(feature.geometry ?? null)[0]?.[0]?.[0];
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        return [p[0] as number, p[1] as number];
    }
  }
  return undefined;
}

/** Layers of a rule that must be polygonal for its type to make sense (its module says which). */
function polygonalRoles(rule: Rule): { role: "subject" | "constraint"; id: string }[] {
  type Role = { role: "subject" | "constraint"; id: string };
  return moduleFor(rule).polygonal.flatMap((role): Role[] => {
    if (role === "subject") return [{ role, id: rule.subject.layer }];
    return "constraint" in rule && rule.constraint ? [{ role, id: rule.constraint.layer }] : [];
  });
}

/** Number of units a partition will visit. */
export function partitionUnits(prepared: PreparedChecks, part: Partition = { index: 0, count: 1 }) {
  const { index, count } = part;
  if (part.contiguous) {
    return windowsOf(prepared, part).reduce((sum, { from, to }) => sum + to - from, 0);
  }
  return Math.max(0, Math.floor((prepared.units - index + count - 1) / count));
}

/** Resumable walk over a partition's units, so the async driver can pause between slices. */
function createCursor(prepared: PreparedChecks, options: RunOptions) {
  const part = options.part ?? { index: 0, count: 1 };
  if (!(part.count >= 1 && part.index >= 0 && part.index < part.count)) {
    throw new RangeError(`bad partition ${part.index} of ${part.count}`);
  }
  const total = partitionUnits(prepared, part);
  const windows = part.contiguous ? windowsOf(prepared, part) : null;
  const stride = windows ? 1 : part.count;
  const findings: Finding[] = [];
  const units: number[] = [];
  const statsBefore = { ...prepared.engine.stats };
  const step = Math.max(1, Math.ceil(total / 100));
  let ruleIndex = 0;
  let subjectIndex = 0;
  /** Units of the rules before `ruleIndex`. */
  let base = 0;
  let done = 0;
  const { signal, onProgress, memo } = options;
  /** Where the rule being checked began, while a memo is to receive its outcome. */
  let ruleStart: { findings: number; stats: CheckStats; done: number } | null = null;
  /** Quota sums of the rules the memo answered, by rule position. */
  const served: (RuleAccumulator | null)[] = [];
  const memoStats = emptyStats();
  /** Takes a rule's outcome from the memo; false when the memo does not know it. */
  const reuse = (rule: Rule): boolean => {
    const known = memo?.get(ruleMemoKey(rule, prepared.origin, part, base));
    if (!known) return false;
    known.findings.forEach((finding, k) => {
      findings.push(finding);
      units.push(base + (known.subjects[k] as number));
    });
    served[ruleIndex] = known.accumulator;
    memoStats.candidatePairs += known.stats.candidatePairs;
    memoStats.shortcutPairs += known.stats.shortcutPairs;
    memoStats.kernelCalls += known.stats.kernelCalls;
    done += known.stats.units;
    onProgress?.(done, total);
    return true;
  };
  /** Gives the memo the outcome of the rule just checked to its end. */
  const remember = (rule: Rule, checker: RuleChecker) => {
    if (!memo || !ruleStart) return;
    memo.set(ruleMemoKey(rule, prepared.origin, part, base), {
      findings: findings.slice(ruleStart.findings),
      subjects: units.slice(ruleStart.findings).map((u) => u - base),
      accumulator: checker.accumulator?.() ?? null,
      stats: {
        ...statsSince(prepared.engine.stats, ruleStart.stats),
        units: done - ruleStart.done,
      },
    });
    ruleStart = null;
  };
  /**
   * Runs units until `until()` says stop (null: never); returns true when the partition is finished.
   * The loop does nothing per unit it can do per rule: it runs on cold code at the start of a CLI
   * run, where every operation in it costs several times what it costs once optimised.
   */
  const run = (until: (() => boolean) | null): boolean => {
    while (ruleIndex < prepared.rules.length) {
      const { rule, checker } = prepared.rules[ruleIndex] as { rule: Rule; checker: RuleChecker };
      const { subjects } = checker;
      const length = subjects.length;
      if (memo && subjectIndex === 0 && ruleStart === null) {
        if (reuse(rule)) {
          base += length;
          ruleIndex++;
          continue;
        }
        const stats = { ...prepared.engine.stats };
        ruleStart = { findings: findings.length, stats, done };
      }
      // jump straight to this partition's next unit, then stride: with many chunks, stepping over
      // every other partition's units cost more than some chunks' work
      const window = windows?.[ruleIndex];
      if (window) subjectIndex = Math.max(subjectIndex, window.from);
      else
        subjectIndex +=
          (part.index - ((base + subjectIndex) % part.count) + part.count) % part.count;
      const stop = window ? window.to : length;
      const picks = window?.picks ?? null;
      for (; subjectIndex < stop; subjectIndex += stride) {
        signal?.throwIfAborted();
        const before = findings.length;
        const at = picks ? (picks[subjectIndex] as number) : subjectIndex;
        checker.check(subjects[at] as number, findings);
        for (let f = before; f < findings.length; f++) units.push(base + at);
        done++;
        if (onProgress && (done % step === 0 || done === total)) onProgress(done, total);
        if (until?.()) {
          subjectIndex += stride;
          return false;
        }
      }
      remember(rule, checker);
      base += length;
      ruleIndex++;
      subjectIndex = 0;
    }
    if (windows) releaseWindows(prepared, windows);
    return true;
  };
  const result = (): PartialResult => {
    const now = prepared.engine.stats;
    return {
      rules: prepared.rules.map(({ rule }) => ({
        id: rule.id,
        type: rule.type,
        severity: rule.severity,
      })),
      findings,
      units,
      accumulators: prepared.rules.flatMap(({ checker }, r) => {
        const known = served[r];
        if (known !== undefined) return known ? [known] : [];
        return checker.accumulator ? [checker.accumulator()] : [];
      }),
      problems: prepared.problems,
      stats: {
        units: done,
        candidatePairs: now.candidatePairs - statsBefore.candidatePairs + memoStats.candidatePairs,
        shortcutPairs: now.shortcutPairs - statsBefore.shortcutPairs + memoStats.shortcutPairs,
        kernelCalls: now.kernelCalls - statsBefore.kernelCalls + memoStats.kernelCalls,
      },
    };
  };
  return { run, result, total };
}

/**
 * Runs one partition synchronously (the fast path for Node and for a Worker that does nothing else).
 * Call once per prepared input: quota sums live in the prepared checkers.
 */
export function checkPartition(prepared: PreparedChecks, options: RunOptions = {}): PartialResult {
  const cursor = createCursor(prepared, options);
  if (cursor.total === 0) options.onProgress?.(0, 0);
  cursor.run(null);
  return cursor.result();
}

/**
 * Runs one partition in slices of about `sliceMs` milliseconds, yielding to the event loop between
 * them, so a page stays responsive and a Worker can receive a cancel message (abort the signal).
 */
export async function checkPartitionAsync(
  prepared: PreparedChecks,
  options: RunOptions & { sliceMs?: number } = {},
): Promise<PartialResult> {
  const cursor = createCursor(prepared, options);
  const sliceMs = options.sliceMs ?? 12;
  if (cursor.total === 0) options.onProgress?.(0, 0);
  const clock = sparseClock();
  for (;;) {
    clock.slice(sliceMs);
    if (cursor.run(clock.up)) break;
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
  }
  return cursor.result();
}

/**
 * The partials' findings in the order of their units (stable within a unit), by counting sort;
 * yields between slices of units and of findings.
 */
function* inUnitOrder(partials: PartialResult[]): Generator<void, Finding[]> {
  let units = 0;
  let count = 0;
  for (const p of partials) {
    count += p.findings.length;
    for (const u of p.units) if (u + 1 > units) units = u + 1;
  }
  yield;
  const start = new Int32Array(units + 1);
  for (const p of partials) for (const u of p.units) start[u + 1] = (start[u + 1] as number) + 1;
  yield;
  // a unit per subject and rule: a million for a large proposal's rules, a few ms to add up
  for (let u = 0; u < units; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
  yield;
  const out = new Array<Finding>(count);
  for (const p of partials) {
    for (let k = 0; k < p.findings.length; k++) {
      const u = p.units[k] as number;
      const at = start[u] as number;
      out[at] = p.findings[k] as Finding;
      start[u] = at + 1;
      if (k % ITEMS_PER_STEP === 0) yield;
    }
  }
  return out;
}

/**
 * Sorts findings by rule (in `order`), subject, constraint and district ids, then finding id. The
 * rule and ids are made numbers first where they can be ({@link idKeys}): a comparison then reads
 * two typed arrays, not two findings scattered over the heap and their ids. Nearly sorted already
 * when a layer's features are in id order (about one comparison per finding); a file in spatial
 * order (a converted FlatGeobuf) is sorted in full.
 */
function* sortFindings(findings: Finding[], order: ReadonlyMap<string, number>): Generator<void> {
  const n = findings.length;
  const rule = Int32Array.from(findings, (f) => order.get(f.rule) ?? 0);
  yield;
  const subject = idKeys(findings.map((f) => f.subject.featureId));
  yield;
  const constraint = idKeys(findings.map((f) => f.constraint?.featureId));
  yield;
  const at = (i: number) => findings[i] as Finding;
  const byIds = (a: Finding, b: Finding) =>
    compareIds(a.subject.featureId, b.subject.featureId) ||
    compareIds(a.constraint?.featureId, b.constraint?.featureId) ||
    compareIds(a.group?.district, b.group?.district) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const positions = Array.from({ length: n }, (_, i) => i);
  yield* sortSteps(positions, (i, j) => {
    const byRule = (rule[i] as number) - (rule[j] as number);
    if (byRule !== 0) return byRule;
    // the findings themselves only where the keys are equal (or there are none)
    if (subject) {
      const bySubject = (subject[i] as number) - (subject[j] as number);
      if (bySubject !== 0) return bySubject;
      if (constraint) {
        const byConstraint = (constraint[i] as number) - (constraint[j] as number);
        if (byConstraint !== 0) return byConstraint;
      }
    }
    return byIds(at(i), at(j));
  });
  const sorted = positions.map(at);
  for (let i = 0; i < n; i++) findings[i] = sorted[i] as Finding;
}

/** The findings of rules that add up over every partition (quota sums), by their type's `finalize`. */
function finalized(partials: PartialResult[]): Finding[] {
  const byType = new Map<RuleType, RuleAccumulator[]>();
  for (const p of partials) {
    for (const acc of p.accumulators) {
      const list = byType.get(acc.rule.type) ?? [];
      list.push(acc);
      byType.set(acc.rule.type, list);
    }
  }
  const out: Finding[] = [];
  for (const [type, accumulators] of byType) {
    const finalize = descriptorOfType(type)?.finalize;
    if (finalize) for (const finding of finalize(accumulators)) out.push(finding);
  }
  return out;
}

/**
 * Joins the partitions of one input: concatenates findings (sorted by rule order, then subject and
 * constraint feature id, then finding id, so the output does not depend on how work was split),
 * turns what rules added up over the partitions into findings (quota sums), and totals per rule.
 */
export function mergeResults(partials: PartialResult[]): CheckResult {
  return finishSteps(mergeResultsSteps(partials));
}

/**
 * {@link mergeResults} as steps that yield every few hundred findings (see `steps.ts`): a page
 * merging its check workers' 20 000 findings in one go held its thread for 130 ms and more.
 */
export function* mergeResultsSteps(partials: PartialResult[]): Generator<void, CheckResult> {
  const first = partials[0];
  const rules = first?.rules ?? [];
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const findings = yield* inUnitOrder(partials);
  yield;
  for (const f of finalized(partials)) findings.push(f);
  yield;
  yield* sortFindings(findings, order);
  const summary: RuleSummary[] = rules.map((r) => ({
    rule: r.id,
    type: r.type,
    severity: r.severity,
    findings: 0,
    errors: 0,
    warnings: 0,
    notComputed: 0,
    areaSquareMeters: 0,
  }));
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k] as Finding;
    if (k % ITEMS_PER_STEP === 0) yield;
    const s = summary[order.get(f.rule) ?? -1];
    if (!s) continue;
    s.findings++;
    if (f.severity === "error") s.errors++;
    else s.warnings++;
    if (f.status === "not-computed") s.notComputed++;
    s.areaSquareMeters += f.areaSquareMeters ?? 0;
  }
  const stats = emptyStats();
  for (const p of partials) {
    stats.units += p.stats.units;
    stats.candidatePairs += p.stats.candidatePairs;
    stats.shortcutPairs += p.stats.shortcutPairs;
    stats.kernelCalls += p.stats.kernelCalls;
  }
  return { findings, summary, problems: first?.problems ?? [], stats };
}

/** prepare → check (one partition, synchronously) → merge: the whole run in the calling thread. */
export function runChecks(input: CheckInput & RunOptions): CheckResult {
  return mergeResults([checkPartition(prepareChecks(input), input)]);
}

/** Like `runChecks`, yielding to the event loop between slices (for a page or a cancellable Worker). */
export async function runChecksAsync(
  input: CheckInput & RunOptions & { sliceMs?: number },
): Promise<CheckResult> {
  return mergeResults([await checkPartitionAsync(prepareChecks(input), input)]);
}
