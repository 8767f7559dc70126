import {
  type Finding,
  finishSteps,
  ITEMS_PER_STEP,
  type Severity,
  sortSteps,
} from "../core/check/index";
import { CITY_KEY, NO_DISTRICT_KEY } from "./check-groups";

/**
 * A finding with what triage filters and sorts on worked out once per run, so filtering 3 000
 * findings is a pass of Set lookups and number comparisons, not a walk of each finding's fields.
 */
export type TriageEntry = {
  finding: Finding;
  severity: Severity;
  rule: string;
  /** District codes it lies in; or its quota group's district, {@link CITY_KEY} or {@link NO_DISTRICT_KEY}. */
  districts: readonly string[];
  /** Conflict area in m², 0 when it has none (quota, distance findings). */
  area: number;
  /** Share of the subject, 0–1; 0 when none. */
  share: number;
};

/** A run's findings prepared for triage: the entries, and their orders by area and by share. */
export type TriageIndex = {
  entries: readonly TriageEntry[];
  /** Entry positions, largest area first (ties: finding id, stable across runs). */
  byArea: Uint32Array;
  /** Entry positions, largest share first (ties: finding id). */
  byShare: Uint32Array;
  /** The district keys the entries lie in, each once, in order of first appearance. */
  districts: readonly string[];
};

/** The districts a finding counts for in a district filter (a conflict across two counts for both). */
function districtsOf(f: Finding): string[] {
  if (f.districts.length > 0) return f.districts;
  if (f.group?.scope === "district" && f.group.district) return [f.group.district];
  return [f.group?.scope === "city" ? CITY_KEY : NO_DISTRICT_KEY];
}

function entryOf(finding: Finding): TriageEntry {
  return {
    finding,
    severity: finding.severity,
    rule: finding.rule,
    districts: districtsOf(finding),
    area: finding.areaSquareMeters ?? 0,
    share: finding.shareOfSubject ?? 0,
  };
}

/** Entry positions by `key`, largest first (ties: finding id), in steps (`sortSteps`). */
function* orderSteps(
  entries: readonly TriageEntry[],
  key: "area" | "share",
): Generator<void, Uint32Array> {
  const order = Array.from(entries.keys());
  const id = (i: number) => (entries[i] as TriageEntry).finding.id;
  yield* sortSteps(order, (a, b) => {
    const d = (entries[b] as TriageEntry)[key] - (entries[a] as TriageEntry)[key];
    return d !== 0 ? d : id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  });
  return Uint32Array.from(order);
}

/**
 * Prepares a run's findings for {@link applyTriage}: once per run (the sorts happen here, the
 * order by share when first read), not per filter change. Review statuses are not part of it:
 * they change while the run stays.
 */
export function indexFindings(findings: readonly Finding[]): TriageIndex {
  return finishSteps(indexFindingsSteps(findings));
}

/**
 * {@link indexFindings} as steps that pause every few hundred findings (see `core/check/steps.ts`):
 * a proposal's 20 000 findings indexed in one go held a page's thread for 20–60 ms and more.
 */
export function* indexFindingsSteps(findings: readonly Finding[]): Generator<void, TriageIndex> {
  const entries: TriageEntry[] = [];
  // the district filter's choices, gathered here: in the panel's render, a pass over a proposal's
  // 20 000 findings took a fifth of it
  const districts = new Set<string>();
  for (let i = 0; i < findings.length; i++) {
    const entry = entryOf(findings[i] as Finding);
    entries.push(entry);
    for (const d of entry.districts) districts.add(d);
    if (i % ITEMS_PER_STEP === 0) yield;
  }
  const byArea = yield* orderSteps(entries, "area");
  let byShare: Uint32Array | null = null;
  return {
    entries,
    byArea,
    districts: [...districts],
    // sorted when first asked for (a reviewer sorting by share), not while a large run's results
    // are first drawn, sorted by area
    get byShare() {
      byShare ??= finishSteps(orderSteps(entries, "share"));
      return byShare;
    },
  };
}
