import { type Finding, finishSteps, ITEMS_PER_STEP, type Severity } from "../core/check/index";
import { FLAG_STATUSES, type FlagStatus } from "../core/review/index";
import { type FindingTotals, totalsSteps } from "./check-groups";
import type { TriageEntry, TriageIndex } from "./triage-index";

/** A finding's review status in a filter: its flag's status, or "unflagged". */
export type ReviewStatusKey = FlagStatus | "unflagged";

/** Every review status a filter offers, in the order a UI lists them. */
export const REVIEW_STATUS_KEYS: readonly ReviewStatusKey[] = ["unflagged", ...FLAG_STATUSES];

/** Whether `value` is a {@link ReviewStatusKey} (a link's or a checkbox's text). */
export const isReviewStatusKey = (value: string): value is ReviewStatusKey =>
  (REVIEW_STATUS_KEYS as readonly string[]).includes(value);

/** The severities a filter offers, errors first. */
export const SEVERITIES: readonly Severity[] = ["error", "warning"];

/** Whether `value` is a {@link Severity}. */
export const isSeverity = (value: string): value is Severity =>
  (SEVERITIES as readonly string[]).includes(value);

/**
 * What the reviewer narrowed the list to. An empty or missing list means "any"; findings with no
 * area pass a minimum area only when it is 0 (a quota finding is not a sliver).
 */
export type TriageFilter = {
  severities?: readonly Severity[];
  rules?: readonly string[];
  /** District codes, or `CITY_KEY` / `NO_DISTRICT_KEY`; a finding in any of them passes. */
  districts?: readonly string[];
  reviewStatuses?: readonly ReviewStatusKey[];
  /** Slivers of a few m² should not drown a 300 ha conflict. */
  minAreaSquareMeters?: number;
};

/** The list's order: by conflict area or by share of the subject. */
export type TriageSort = { by: "area" | "share"; direction: "desc" | "asc" };

/** The orders a reviewer can pick, as the one word a select and a link carry ("share-desc"). */
export const SORT_KEYS = ["area-desc", "area-asc", "share-desc", "share-asc"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The word of an order ({@link SORT_KEYS}). */
export const sortKey = (sort: TriageSort): SortKey => `${sort.by}-${sort.direction}`;

/** The order a word names, or null for anything else. */
export function sortOfKey(key: string): TriageSort | null {
  const known = SORT_KEYS.find((k) => k === key);
  if (!known) return null;
  const [by, direction] = known.split("-") as [TriageSort["by"], TriageSort["direction"]];
  return { by, direction };
}

/** What passed the filter, in the chosen order, with its counts and areas. */
export type TriageView = {
  findings: Finding[];
  /** Counts and summed area of what passed (see `headlineArea` for the area counted once). */
  totals: FindingTotals;
  /** Per rule: count and summed area of what passed. */
  byRule: Map<string, { count: number; areaSquareMeters: number }>;
  /** Per review status: how many passed. */
  byStatus: Map<ReviewStatusKey, number>;
};

/** A set for "any of", or null for "any". */
const setOf = <T>(list: readonly T[] | undefined): Set<T> | null =>
  list && list.length > 0 ? new Set(list) : null;

/**
 * The findings that pass `filter`, sorted, with counts and areas that follow the filter. `statusOf`
 * gives a finding's review status by finding id (from the flags attached to the run); statuses are
 * read here, not indexed, because flags change while the run stays. Given the `previous` view, a
 * result listing the same findings keeps its `findings` array.
 */
export function applyTriage(
  index: TriageIndex,
  filter: TriageFilter,
  sort: TriageSort,
  statusOf: (findingId: string) => ReviewStatusKey,
  previous?: TriageView,
): TriageView {
  return finishSteps(applyTriageSteps(index, filter, sort, statusOf, previous));
}

/**
 * {@link applyTriage} as steps that pause every few hundred findings (see `core/check/steps.ts`):
 * a proposal's 20 000 findings filtered in one go held a page's thread for 20–100 ms.
 */
export function* applyTriageSteps(
  index: TriageIndex,
  filter: TriageFilter,
  sort: TriageSort,
  statusOf: (findingId: string) => ReviewStatusKey,
  previous?: TriageView,
): Generator<void, TriageView> {
  const severities = setOf(filter.severities);
  const rules = setOf(filter.rules);
  const districts = setOf(filter.districts);
  const statuses = setOf(filter.reviewStatuses);
  const minArea = filter.minAreaSquareMeters ?? 0;
  const order = sort.by === "area" ? index.byArea : index.byShare;
  const findings: Finding[] = [];
  const byRule = new Map<string, { count: number; areaSquareMeters: number }>();
  const byStatus = new Map<ReviewStatusKey, number>();
  const passes = (e: TriageEntry, status: ReviewStatusKey) =>
    (!severities || severities.has(e.severity)) &&
    (!rules || rules.has(e.rule)) &&
    (minArea <= 0 || e.area >= minArea) &&
    (!districts || e.districts.some((d) => districts.has(d))) &&
    (!statuses || statuses.has(status));
  for (let k = 0; k < order.length; k++) {
    if (k % ITEMS_PER_STEP === 0) yield;
    const i = sort.direction === "desc" ? k : order.length - 1 - k;
    const e = index.entries[order[i] as number] as TriageEntry;
    const status = statusOf(e.finding.id);
    if (!passes(e, status)) continue;
    findings.push(e.finding);
    const rule = byRule.get(e.rule);
    if (rule) {
      rule.count++;
      rule.areaSquareMeters += e.area;
    } else byRule.set(e.rule, { count: 1, areaSquareMeters: e.area });
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  // The same findings in the same order as before (a flag changed, not what passes): the same
  // list, so the groups and the headline area made of it are not made again.
  if (previous && sameItems(previous.findings, findings)) {
    return { findings: previous.findings, totals: previous.totals, byRule, byStatus };
  }
  return { findings, totals: yield* totalsSteps(findings), byRule, byStatus };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A `statusOf` for {@link applyTriage} from the flags attached to a run (`attachFlags().byFinding`). */
export function statusFromFlags(
  byFinding: ReadonlyMap<string, { status: FlagStatus }>,
): (findingId: string) => ReviewStatusKey {
  return (id) => byFinding.get(id)?.status ?? "unflagged";
}
