import { type CheckState, DEFAULT_TRIAGE } from "./check-state";
import {
  isReviewStatusKey,
  isSeverity,
  type SortKey,
  sortKey,
  sortOfKey,
  type TriageFilter,
} from "./triage-filter";

/** The findings list's filter and order as a link carries them. */
export type TriageLink = CheckState["triage"];

/** The link's parameters, in the order they are written. */
const PARAMS = ["severity", "rule", "district", "status", "minarea", "sort"] as const;

/** The default order, which a link leaves out. */
const DEFAULT_SORT: SortKey = sortKey(DEFAULT_TRIAGE.sort);

/** Rule ids as the rules file allows them; district codes are digits, or `city` / `none`. */
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DISTRICT = /^[0-9A-Za-z_-]{1,32}$/;

/** A comma list's values that pass `keep`, each once, in the link's order. */
function listOf<T extends string>(value: string | null, keep: (v: string) => v is T): T[] {
  if (value === null) return [];
  return [...new Set(value.split(",").filter(keep))];
}
const matches =
  (pattern: RegExp) =>
  (value: string): value is string =>
    pattern.test(value);

/**
 * Reads the filter and order from a link's parameters, e.g.
 * `status=open,needs-revision&district=001,017&minarea=1&sort=share-desc` (the minimum area in ha).
 * Undefined when the link has none of them (it leaves the list as it is); unknown values are
 * dropped, so a hand-edited link never breaks the list.
 */
export function parseTriageParams(params: URLSearchParams): TriageLink | undefined {
  if (!PARAMS.some((name) => params.has(name))) return undefined;
  const filter: TriageFilter = {
    severities: listOf(params.get("severity"), isSeverity),
    rules: listOf(params.get("rule"), matches(RULE_ID)),
    districts: listOf(params.get("district"), matches(DISTRICT)),
    reviewStatuses: listOf(params.get("status"), isReviewStatusKey),
    minAreaSquareMeters: 0,
  };
  const ha = Number(params.get("minarea") ?? "");
  if (Number.isFinite(ha) && ha > 0) filter.minAreaSquareMeters = ha * 10_000;
  return { filter, sort: sortOfKey(params.get("sort") ?? "") ?? DEFAULT_TRIAGE.sort };
}

/** The link's parameters for a filter and order: only what narrows or reorders the list. */
export function formatTriageParams({ filter, sort }: TriageLink): string[] {
  const parts: string[] = [];
  const list = (
    name: string,
    values: readonly string[] | undefined,
    keep: (v: string) => boolean,
  ) => {
    const kept = (values ?? []).filter(keep);
    if (kept.length > 0) parts.push(`${name}=${kept.join(",")}`);
  };
  list("severity", filter.severities, isSeverity);
  list("rule", filter.rules, (v) => RULE_ID.test(v));
  list("district", filter.districts, (v) => DISTRICT.test(v));
  list("status", filter.reviewStatuses, isReviewStatusKey);
  const minArea = filter.minAreaSquareMeters ?? 0;
  // ha with up to 4 decimals: 1 m² steps, enough for any minimum a reviewer types
  const ha = Number((minArea / 10_000).toFixed(4));
  if (ha > 0) parts.push(`minarea=${ha}`);
  const key = sortKey(sort);
  if (key !== DEFAULT_SORT) parts.push(`sort=${key}`);
  return parts;
}
