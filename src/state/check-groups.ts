import { type Finding, finishSteps, ITEMS_PER_STEP, sortSteps } from "../core/check/index";
import type { GroupBy } from "./check-state";

/** Totals of a set of findings: counts by severity, not-computed pairs and area in m². */
export type FindingTotals = {
  count: number;
  errors: number;
  warnings: number;
  notComputed: number;
  /** Findings that have an area (quota findings have none). */
  measured: number;
  /** Sum of the findings' conflict areas on the WGS84 ellipsoid, m² (findings without area add 0). */
  areaSquareMeters: number;
};

/** One group of the results list; `children` is the next grouping level (empty at the last). */
export type FindingGroup = FindingTotals & {
  by: GroupBy;
  /** Rule id, district key (see {@link districtKey}) or severity. */
  key: string;
  findings: Finding[];
  children: FindingGroup[];
};

/** The second grouping level for each first one: rule → district, district → rule, severity → rule. */
export const GROUP_ORDER: Readonly<Record<GroupBy, GroupBy>> = {
  rule: "district",
  district: "rule",
  severity: "rule",
};

/** District key of a finding with no district for a whole-city quota. */
export const CITY_KEY = "city";
/** District key of a finding whose district is not known. */
export const NO_DISTRICT_KEY = "none";

/**
 * Where a finding lies, as one group key: its district codes joined by "+" (a conflict across two
 * districts is one group of its own, so counts and areas add up), the quota group's district, else
 * {@link CITY_KEY} for a whole-city quota or {@link NO_DISTRICT_KEY}.
 */
export function districtKey(finding: Finding): string {
  let key = DISTRICT_KEYS.get(finding);
  if (key === undefined) {
    key = districtKeyOf(finding);
    DISTRICT_KEYS.set(finding, key);
  }
  return key;
}

/**
 * Each finding's {@link districtKey}, worked out once per finding of a run (findings are not
 * changed after a run): regrouping thousands of findings by district then joins no arrays.
 */
const DISTRICT_KEYS = new WeakMap<Finding, string>();

function districtKeyOf(finding: Finding): string {
  if (finding.districts.length > 0) return finding.districts.join("+");
  if (finding.group?.scope === "district" && finding.group.district) return finding.group.district;
  if (finding.group?.scope === "city") return CITY_KEY;
  return NO_DISTRICT_KEY;
}

/** The districts of a {@link districtKey} by name, in order: "Quận Ba Đình, Huyện Đông Anh". */
export function districtKeyNames(key: string, districtName: (code: string) => string): string {
  return key.split("+").map(districtName).join(", ");
}

/** Counts and area of a list of findings. */
export function totalsOf(findings: readonly Finding[]): FindingTotals {
  return finishSteps(totalsSteps(findings));
}

/** {@link totalsOf}, pausing every few hundred findings (see `core/check/steps.ts`). */
export function* totalsSteps(findings: readonly Finding[]): Generator<void, FindingTotals> {
  const totals: FindingTotals = {
    count: 0,
    errors: 0,
    warnings: 0,
    notComputed: 0,
    measured: 0,
    areaSquareMeters: 0,
  };
  for (const f of findings) {
    if (totals.count % ITEMS_PER_STEP === 0) yield;
    totals.count++;
    if (f.severity === "error") totals.errors++;
    else totals.warnings++;
    if (f.status === "not-computed") totals.notComputed++;
    if (f.areaSquareMeters !== null) {
      totals.measured++;
      totals.areaSquareMeters += f.areaSquareMeters;
    }
  }
  return totals;
}

const SEVERITY_ORDER = ["error", "warning"];
const severityRank = (severity: string) => (severity === "error" ? 0 : 1);

/** Errors first, then the larger conflict, then the id (stable across runs). */
function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (b.areaSquareMeters ?? 0) - (a.areaSquareMeters ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export type GroupingContext = {
  /** Rule ids in the rules file's order. */
  ruleOrder: readonly string[];
  /** District name by code, to sort district groups by name. */
  districtName: (code: string) => string;
  /**
   * Keep the findings' order within each group (the reviewer sorted them, e.g. by share) instead
   * of errors first, then the larger conflict.
   */
  keepOrder?: boolean;
};

function keyOf(finding: Finding, by: GroupBy): string {
  switch (by) {
    case "rule":
      return finding.rule;
    case "district":
      return districtKey(finding);
    case "severity":
      return finding.severity;
  }
}

const collator = new Intl.Collator("vi", { numeric: true });

function sortKeys(keys: string[], by: GroupBy, context: GroupingContext): string[] {
  switch (by) {
    case "rule": {
      const rank = (id: string) => {
        const i = context.ruleOrder.indexOf(id);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      return keys.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b));
    }
    case "severity":
      return keys.sort((a, b) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b));
    case "district": {
      const ranks = districtRanks(keys, context.districtName);
      return keys.sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
    }
  }
}

/**
 * Places of district keys in the list, by the function that names districts (one per language):
 * named districts by name, the whole city and unknown places last. Sorting hundreds of keys by
 * name with the collator takes milliseconds, and grouping by rule then district sorts them again
 * in every rule: they are sorted once, and again only when a key not seen before comes.
 */
const DISTRICT_RANKS = new WeakMap<(code: string) => string, Map<string, number>>();

function districtRanks(
  keys: readonly string[],
  districtName: (code: string) => string,
): ReadonlyMap<string, number> {
  const known = DISTRICT_RANKS.get(districtName);
  if (known && keys.every((key) => known.has(key))) return known;
  const all = [...new Set([...(known?.keys() ?? []), ...keys])];
  const special = (key: string) => (key === CITY_KEY ? 1 : key === NO_DISTRICT_KEY ? 2 : 0);
  // each key's names once, not once per comparison
  const names = new Map(all.map((key) => [key, districtKeyNames(key, districtName)]));
  const name = (key: string) => names.get(key) ?? key;
  all.sort((a, b) => special(a) - special(b) || collator.compare(name(a), name(b)));
  const ranks = new Map(all.map((key, i) => [key, i]));
  DISTRICT_RANKS.set(districtName, ranks);
  return ranks;
}

/**
 * `keepOrder`: the findings come in the order the groups list them (sorted by the level above).
 * Pauses every few hundred findings of each pass (see `core/check/steps.ts`).
 */
function* group(
  findings: readonly Finding[],
  levels: readonly GroupBy[],
  context: GroupingContext,
  keepOrder: boolean,
): Generator<void, FindingGroup[]> {
  const [by, ...rest] = levels;
  if (!by) return [];
  const buckets = new Map<string, Finding[]>();
  for (let i = 0; i < findings.length; i++) {
    if (i % ITEMS_PER_STEP === 0) yield;
    const f = findings[i] as Finding;
    const key = keyOf(f, by);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(f);
    else buckets.set(key, [f]);
  }
  const groups: FindingGroup[] = [];
  for (const key of sortKeys([...buckets.keys()], by, context)) {
    const bucket = buckets.get(key) ?? [];
    const members = keepOrder ? bucket : yield* sortSteps(bucket, compareFindings);
    groups.push({
      by,
      key,
      ...(yield* totalsSteps(members)),
      findings: members,
      // a subgroup takes its members in its parent's order, sorted already
      children: yield* group(members, rest, context, true),
    });
  }
  return groups;
}

/**
 * The groupings made of the last list of findings, by grouping and context: a reviewer switching
 * the grouping to district and back to rule, or a flag changing while the filtered list stays the
 * same, gets the groups made before instead of sorting thousands of findings again. One list only:
 * the results list shows one at a time, and every filter change makes a new one (holding the
 * groupings of each would keep them all in memory until a full garbage collection).
 */
let made: {
  findings: readonly Finding[];
  groupings: { by: GroupBy; context: GroupingContext; groups: FindingGroup[] }[];
} = { findings: [], groupings: [] };

const sameContext = (a: GroupingContext, b: GroupingContext) =>
  a.ruleOrder === b.ruleOrder &&
  a.districtName === b.districtName &&
  (a.keepOrder ?? false) === (b.keepOrder ?? false);

/**
 * The results list: findings grouped by `by`, each group split by the next level of
 * {@link GROUP_ORDER}; within a group, errors first, then the larger conflicts. Every finding is in
 * exactly one group of each level, so group counts and areas add up to the totals. The same list
 * grouped the same way again gives the same groups (not to be changed by the caller).
 */
export function groupFindings(
  findings: readonly Finding[],
  by: GroupBy,
  context: GroupingContext,
): FindingGroup[] {
  return finishSteps(groupFindingsSteps(findings, by, context));
}

/**
 * {@link groupFindings} as steps that pause every few hundred findings (see
 * `core/check/steps.ts`): a proposal's 20 000 findings grouped in one go held a page's thread for
 * 20–110 ms.
 */
export function* groupFindingsSteps(
  findings: readonly Finding[],
  by: GroupBy,
  context: GroupingContext,
): Generator<void, FindingGroup[]> {
  if (made.findings !== findings) made = { findings, groupings: [] };
  const known = made.groupings.find((m) => m.by === by && sameContext(m.context, context));
  if (known) return known.groups;
  const groups = yield* group(findings, [by, GROUP_ORDER[by]], context, context.keepOrder ?? false);
  // a list made meanwhile (the steps paused) is the one kept
  if (made.findings !== findings) made = { findings, groupings: [] };
  // a few contexts per list at most (the groupings, a language switch): keep the latest few
  made.groupings.push({ by, context, groups });
  if (made.groupings.length > 6) made.groupings.shift();
  return groups;
}
