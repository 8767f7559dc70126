import type { Finding } from "../core/check/index";
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
  const totals: FindingTotals = {
    count: 0,
    errors: 0,
    warnings: 0,
    notComputed: 0,
    measured: 0,
    areaSquareMeters: 0,
  };
  for (const f of findings) {
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

/** Errors first, then the larger conflict, then the id (stable across runs). */
function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
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
      // Named districts by name; the whole city and unknown places last.
      const special = (key: string) => (key === CITY_KEY ? 1 : key === NO_DISTRICT_KEY ? 2 : 0);
      // each key's names once, not once per comparison (hundreds of keys for thousands of findings)
      const names = new Map(keys.map((key) => [key, districtKeyNames(key, context.districtName)]));
      const name = (key: string) => names.get(key) ?? key;
      return keys.sort((a, b) => special(a) - special(b) || collator.compare(name(a), name(b)));
    }
  }
}

function group(
  findings: readonly Finding[],
  levels: readonly GroupBy[],
  context: GroupingContext,
): FindingGroup[] {
  const [by, ...rest] = levels;
  if (!by) return [];
  const buckets = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = keyOf(f, by);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(f);
    else buckets.set(key, [f]);
  }
  return sortKeys([...buckets.keys()], by, context).map((key) => {
    const bucket = buckets.get(key) ?? [];
    const members = context.keepOrder ? bucket : bucket.sort(compareFindings);
    return {
      by,
      key,
      ...totalsOf(members),
      findings: members,
      children: group(members, rest, context),
    };
  });
}

/**
 * The results list: findings grouped by `by`, each group split by the next level of
 * {@link GROUP_ORDER}; within a group, errors first, then the larger conflicts. Every finding is in
 * exactly one group of each level, so group counts and areas add up to the totals.
 */
export function groupFindings(
  findings: readonly Finding[],
  by: GroupBy,
  context: GroupingContext,
): FindingGroup[] {
  return group(findings, [by, GROUP_ORDER[by]], context);
}
