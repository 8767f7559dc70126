import type { Geometry } from "geojson";
import { ellipsoidalArea } from "../core/check/ellipsoidal-area";
import { fnv1a64 } from "../core/check/finding-id";
import {
  type ClipKernel,
  createClipperKernel,
  type Finding,
  finishSteps,
  ITEMS_PER_STEP,
  PAGE_SLICE_MS,
  type Polygons,
  stepsInSlices,
  yieldToEventLoop,
} from "../core/check/index";

/** The headline area of one rule: its conflict areas united, and summed for comparison. */
export type RuleArea = {
  rule: string;
  /** Area covered by the rule's findings, each m² once (their conflict geometries united). */
  unionSquareMeters: number;
  /** The findings' areas added up: more than the union where conflicts overlap. */
  summedSquareMeters: number;
  findings: number;
  /** Findings with an area but no geometry (a run without geometry): added to the union as they are. */
  withoutGeometry: number;
};

/**
 * The headline area: each square metre counted once per rule (a place two rules flag counts for
 * each, which is what a reviewer reads per rule), so `unionSquareMeters` is the sum of the rules'
 * unions — say so next to it ("diện tích tính một lần cho mỗi quy tắc" / "each m² counted once per
 * rule").
 */
export type HeadlineArea = {
  unionSquareMeters: number;
  summedSquareMeters: number;
  byRule: RuleArea[];
};

/** The polygons of a finding's geometry, the same array each time (the kernel caches by array). */
const POLYGONS = new WeakMap<Geometry, Polygons>();
function polygonsOf(geometry: Geometry | null): Polygons | null {
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) return null;
  let polygons = POLYGONS.get(geometry);
  if (!polygons) {
    polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    POLYGONS.set(geometry, polygons);
  }
  return polygons;
}

/** One kernel for all calls: it caches each geometry's conversion, so a new filter reuses them. */
let shared: ClipKernel | null = null;
function sharedKernel(): ClipKernel {
  if (!shared) shared = createClipperKernel();
  return shared;
}

/**
 * United areas per uniter (a kernel on this thread, or a worker's client), by rule and members
 * (their ids and areas hashed, in any order: a re-run keeps a finding's id but may change its
 * shape, and then its area), the latest {@link CACHE_SIZE}: uniting a rule's 3 000 overlapping
 * conflicts takes a few hundred ms, and a reviewer toggling a filter off again, or changing only
 * another rule's findings, asks for the same union again.
 */
const CACHE_SIZE = 64;
const UNITED = new WeakMap<object, Map<string, number>>();

/**
 * Each finding's hash (its id and area, as two 32-bit halves), worked out once per finding of a run.
 */
const MEMBER_HASHES = new WeakMap<Finding, readonly [number, number]>();
function memberHash(f: Finding): readonly [number, number] {
  let hash = MEMBER_HASHES.get(f);
  if (!hash) {
    const hex = fnv1a64(`${f.id}:${f.areaSquareMeters}`);
    hash = [Number.parseInt(hex.slice(0, 8), 16), Number.parseInt(hex.slice(8), 16)];
    MEMBER_HASHES.set(f, hash);
  }
  return hash;
}

/**
 * A rule's members as a key that does not depend on their order: a new sort (by share instead of
 * area) lists the same findings in another order, and their union is the same. The sums of the
 * members' hash halves (exact: 3 000 × 2³² is far below 2⁵³) and the count, added up as the
 * rule's plan is made ({@link planRuleSteps}).
 */
const membersKey = (count: number, high: number, low: number) =>
  `${count}:${high.toString(36)}:${low.toString(36)}`;

/** The cached union area of a rule's members (by their key) for `owner`, or undefined. */
function cachedUnion(owner: object, rule: string, members: string) {
  let united = UNITED.get(owner);
  if (!united) {
    united = new Map();
    UNITED.set(owner, united);
  }
  const key = `${rule}\u0000${members}`;
  const known = united.get(key);
  if (known !== undefined) {
    // most recently used last, so the oldest is dropped first
    united.delete(key);
    united.set(key, known);
  }
  const store = (area: number) => {
    united.set(key, area);
    if (united.size > CACHE_SIZE) united.delete(united.keys().next().value as string);
  };
  return { known, store };
}

function unitedArea(plan: RulePlan, clip: ClipKernel): number {
  if (plan.parts.length === 0) return 0;
  const { known, store } = cachedUnion(clip, plan.rule, plan.key);
  if (known !== undefined) return known;
  const area = unionAreaOf(plan.parts, clip);
  store(area);
  return area;
}

/**
 * The area of the union of `parts` on the WGS84 ellipsoid, m²: the step that takes time (a
 * second or more for 15 000 overlapping conflicts), the same wherever it runs (the page, the
 * area worker: `src/worker/area-handler.ts`).
 */
export function unionAreaOf(parts: readonly Polygons[], clip: ClipKernel): number {
  return parts.length === 0 ? 0 : ellipsoidalArea(clip.union(parts as Polygons[]));
}

/** The findings that have an area, by rule (in order of first appearance). */
function byRuleWithArea(findings: readonly Finding[]): Map<string, Finding[]> {
  return finishSteps(byRuleSteps(findings));
}

/** {@link byRuleWithArea}, pausing every {@link ITEMS_PER_STEP} findings. */
function* byRuleSteps(findings: readonly Finding[]): Generator<void, Map<string, Finding[]>> {
  const groups = new Map<string, Finding[]>();
  for (let i = 0; i < findings.length; i++) {
    if (i % ITEMS_PER_STEP === 0) yield;
    const f = findings[i] as Finding;
    if (f.areaSquareMeters === null || f.areaSquareMeters <= 0) continue;
    const group = groups.get(f.rule);
    if (group) group.push(f);
    else groups.set(f.rule, [f]);
  }
  return groups;
}

/** What a rule's headline area needs besides the union: its sums, and the members to unite. */
type RulePlan = {
  rule: string;
  members: readonly Finding[];
  /** The members with a polygonal geometry, and their polygons (same order). */
  united: Finding[];
  parts: Polygons[];
  /** Area of the members without geometry, added as it is. */
  loose: number;
  withoutGeometry: number;
  summed: number;
  /** The members' key in the cache of unions (see {@link membersKey}). */
  key: string;
};

/**
 * A rule's plan, a pass over its members that pauses every {@link ITEMS_PER_STEP} (see
 * `core/check/steps.ts`): hashing a proposal rule's 20 000 findings and listing their polygons held
 * the page's thread for 100 ms and more.
 */
function* planRuleSteps(rule: string, members: readonly Finding[]): Generator<void, RulePlan> {
  const plan: RulePlan = {
    rule,
    members,
    united: [],
    parts: [],
    loose: 0,
    withoutGeometry: 0,
    summed: 0,
    key: "",
  };
  let high = 0;
  let low = 0;
  for (let i = 0; i < members.length; i++) {
    if (i % ITEMS_PER_STEP === 0) yield;
    const f = members[i] as Finding;
    const [h, l] = memberHash(f);
    high += h;
    low += l;
    plan.summed += f.areaSquareMeters ?? 0;
    const polygons = polygonsOf(f.geometry);
    if (polygons) {
      plan.united.push(f);
      plan.parts.push(polygons);
    } else {
      plan.loose += f.areaSquareMeters ?? 0;
      plan.withoutGeometry++;
    }
  }
  plan.key = membersKey(members.length, high, low);
  return plan;
}

function ruleAreaOf(plan: RulePlan, union: number): RuleArea {
  return {
    rule: plan.rule,
    unionSquareMeters: union + plan.loose,
    summedSquareMeters: plan.summed,
    findings: plan.members.length,
    withoutGeometry: plan.withoutGeometry,
  };
}

/** One rule's headline area. */
function ruleArea(rule: string, members: readonly Finding[], clip: ClipKernel): RuleArea {
  const plan = finishSteps(planRuleSteps(rule, members));
  return ruleAreaOf(plan, unitedArea(plan, clip));
}

function headlineOf(byRule: RuleArea[]): HeadlineArea {
  return {
    unionSquareMeters: byRule.reduce((s, r) => s + r.unionSquareMeters, 0),
    summedSquareMeters: byRule.reduce((s, r) => s + r.summedSquareMeters, 0),
    byRule,
  };
}

/**
 * The headline area of the findings (those that pass the filter): per rule, the union of their
 * conflict geometries with the project's Clipper kernel, measured on the WGS84 ellipsoid. Findings
 * without an area (quota, distance) add nothing. Takes up to a few hundred ms for thousands of
 * overlapping conflicts: on the main thread use {@link headlineAreaInSteps}.
 */
export function headlineArea(findings: readonly Finding[], kernel?: ClipKernel): HeadlineArea {
  const clip = kernel ?? sharedKernel();
  return headlineOf(
    [...byRuleWithArea(findings)].map(([rule, members]) => ruleArea(rule, members, clip)),
  );
}

/**
 * {@link headlineArea} one rule per task, so the page stays responsive while it is computed (one
 * rule's union is the longest step: tens of ms for hundreds of overlapping conflicts). Rejects with
 * the signal's reason when `signal` aborts (the filter changed again: the old answer is not wanted).
 */
export async function headlineAreaInSteps(
  findings: readonly Finding[],
  options: { signal?: AbortSignal; kernel?: ClipKernel } = {},
): Promise<HeadlineArea> {
  const clip = options.kernel ?? sharedKernel();
  const byRule: RuleArea[] = [];
  for await (const plan of rulePlansInSlices(findings, options.signal)) {
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
    byRule.push(ruleAreaOf(plan, unitedArea(plan, clip)));
  }
  return headlineOf(byRule);
}

/**
 * The rules' plans, worked out in slices (see `core/check/steps.ts`), the first a task after the
 * one that asked (the list's render): a rule's plan (its members' key, sums and polygons) took 100
 * ms and more for a rule of 20 000 findings. Rejects with the signal's reason when it aborts.
 */
async function* rulePlansInSlices(
  findings: readonly Finding[],
  signal: AbortSignal | undefined,
): AsyncGenerator<RulePlan> {
  const slices = { sliceMs: PAGE_SLICE_MS, ...(signal ? { signal } : {}) };
  await yieldToEventLoop();
  signal?.throwIfAborted();
  for (const [rule, members] of await stepsInSlices(byRuleSteps(findings), slices)) {
    yield await stepsInSlices(planRuleSteps(rule, members), slices);
  }
}

/**
 * Unites a rule's conflict polygons somewhere else (a worker): given the rule's findings that have
 * a polygonal geometry, resolves with the area of their union, m² ({@link unionAreaOf}).
 */
export type Uniter = {
  unite(rule: string, findings: readonly Finding[], signal?: AbortSignal): Promise<number>;
};

/**
 * {@link headlineArea} with each rule's union worked out by `uniter` (the area worker, so the
 * page's thread only adds up), rule after rule, with the same cache: the same numbers as
 * {@link headlineArea}. Rejects with the signal's reason when `signal` aborts (the filter changed
 * again), or with the uniter's error.
 */
export async function headlineAreaBy(
  findings: readonly Finding[],
  uniter: Uniter,
  options: { signal?: AbortSignal } = {},
): Promise<HeadlineArea> {
  const byRule: RuleArea[] = [];
  for await (const plan of rulePlansInSlices(findings, options.signal)) {
    let union = 0;
    if (plan.parts.length > 0) {
      const { known, store } = cachedUnion(uniter, plan.rule, plan.key);
      union = known ?? (await uniter.unite(plan.rule, plan.united, options.signal));
      options.signal?.throwIfAborted();
      if (known === undefined) store(union);
    }
    byRule.push(ruleAreaOf(plan, union));
  }
  return headlineOf(byRule);
}
