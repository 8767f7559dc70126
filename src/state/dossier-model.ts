import type { Geometry } from "geojson";
import type { Rule, Severity } from "../core/catalog/rules-schema";
import type { LayerEntry, LocalizedText } from "../core/catalog/schema";
import type { Finding, Prevailing } from "../core/check/index";
import { prevailingEntry, toPrevailing } from "../core/check/prevailing";
import { attachFlags, FLAG_STATUSES, type Flag, flagGeometry } from "../core/review/index";
import { type FindingGroup, groupFindings } from "./check-groups";
import type { ReviewStatusKey } from "./triage-filter";

/** The columns of the dossier's summary table, in order: every review status, then "unflagged". */
export const DOSSIER_STATUS_KEYS: readonly ReviewStatusKey[] = [...FLAG_STATUSES, "unflagged"];

/** Counts of findings by review status and their areas (summed: overlapping findings count twice). */
export type DossierCounts = {
  /** Findings of the run in this row. */
  findings: number;
  /** By review status; keys are {@link DOSSIER_STATUS_KEYS} only (never text from data). */
  byStatus: Record<ReviewStatusKey, number>;
  /** Sum of the findings' conflict areas, m² (findings without an area add 0). */
  areaSquareMeters: number;
  /** Sum of the flagged findings' conflict areas, m². */
  flaggedAreaSquareMeters: number;
};

/** One row of the summary: a rule id or a district key (see `districtKey`) and its counts. */
export type DossierSummaryRow = DossierCounts & { key: string };

/** The summary table that opens the dossier. */
export type DossierSummary = {
  /** Rules in the rules file's order; only rules with findings. */
  byRule: DossierSummaryRow[];
  /** Districts by name (the whole city and unknown places last), as the results list groups them. */
  byDistrict: DossierSummaryRow[];
  total: DossierCounts;
  /** Flags whose finding this run did not find (listed after the districts). */
  noLongerFound: number;
  /** Flags the reviewers drew themselves (listed last). */
  own: number;
};

/** Why an entry is in the dossier: a finding of this run, one it no longer finds, or a drawn flag. */
export type DossierEntryKind = "found" | "no-longer-found" | "own";

/** One flagged problem as the dossier prints it. */
export type DossierEntry = {
  kind: DossierEntryKind;
  flag: Flag;
  /** The finding of this run (kind "found"), else null: the flag keeps what it was. */
  finding: Finding | null;
  /** Rule id; null for a drawn flag. */
  rule: string | null;
  /** The rule's severity (the finding's, or the rule's for a finding no longer found). */
  severity: Severity | null;
  subject: { layer: string; featureId: string | null } | null;
  constraint: { layer: string; featureId: string | null } | null;
  areaSquareMeters: number | null;
  /** The higher-level plan that prevails, with its legal basis (from the finding, else the catalogue). */
  prevailing: Prevailing | null;
  /** What must change (the finding's sentence), when the run found it. */
  message: LocalizedText | null;
  /** What the map image shows (the conflict, or the drawn place), WGS84; null when none. */
  geometry: Geometry | null;
};

/** Flagged findings of one rule. */
export type DossierRuleSection = { rule: string; entries: DossierEntry[] };

/** Flagged findings of one district key, by rule. */
export type DossierDistrictSection = { key: string; rules: DossierRuleSection[] };

/** Everything the printed dossier shows, in print order. */
export type DossierModel = {
  summary: DossierSummary;
  districts: DossierDistrictSection[];
  /** Flags on findings this run no longer finds, by rule. */
  noLongerFound: DossierRuleSection[];
  own: DossierEntry[];
  /** Every entry in print order (districts, then no longer found, then drawn): the map images' list. */
  entries: DossierEntry[];
};

export type DossierInput = {
  /** The current run's findings. */
  findings: readonly Finding[];
  /** The stored flags (`FlagStoreSnapshot.flags.values()`); deleted ones are left out. */
  flags: Iterable<Flag>;
  rules: readonly Rule[];
  catalog: readonly LayerEntry[];
  /** District name by code (to order the districts). */
  districtName: (code: string) => string;
};

function emptyCounts(): DossierCounts {
  const byStatus = {} as Record<ReviewStatusKey, number>;
  for (const key of DOSSIER_STATUS_KEYS) byStatus[key] = 0;
  return { findings: 0, byStatus, areaSquareMeters: 0, flaggedAreaSquareMeters: 0 };
}

function countInto(counts: DossierCounts, finding: Finding, flag: Flag | undefined): void {
  const area = finding.areaSquareMeters ?? 0;
  counts.findings++;
  counts.byStatus[flag?.status ?? "unflagged"]++;
  counts.areaSquareMeters += area;
  if (flag) counts.flaggedAreaSquareMeters += area;
}

function rowsOf(groups: readonly FindingGroup[], flagOf: (id: string) => Flag | undefined) {
  return groups.map((group): DossierSummaryRow => {
    const row = { key: group.key, ...emptyCounts() };
    for (const f of group.findings) countInto(row, f, flagOf(f.id));
    return row;
  });
}

/**
 * The dossier of a run and its flags: a summary (per rule and per district, findings by review
 * status and areas), then the flagged findings per district and per rule (ordered as the results
 * list orders them: errors first, then the larger conflict), then the flags on findings this run no
 * longer finds, then the flags reviewers drew. Deleted flags are left out. The prevailing plan of a
 * finding no longer found is worked out from the catalogue as the check does (the higher level).
 * Pure: the UI renders it in either language.
 */
export function dossierModel(input: DossierInput): DossierModel {
  const { findings, rules, catalog, districtName } = input;
  const attached = attachFlags(input.flags, findings);
  const flagOf = (id: string) => attached.byFinding.get(id);
  const context = { ruleOrder: rules.map((r) => r.id), districtName };
  const total = emptyCounts();
  for (const f of findings) countInto(total, f, flagOf(f.id));
  const summary: DossierSummary = {
    byRule: rowsOf(groupFindings(findings, "rule", context), flagOf),
    byDistrict: rowsOf(groupFindings(findings, "district", context), flagOf),
    total,
    noLongerFound: attached.noLongerFound.length,
    own: attached.own.length,
  };

  const findingsById = new Map(findings.map((f) => [f.id, f]));
  const flagged = findings.filter((f) => attached.byFinding.has(f.id));
  const districts = groupFindings(flagged, "district", context).map(
    (district): DossierDistrictSection => ({
      key: district.key,
      rules: district.children.map((rule) => ({
        rule: rule.key,
        entries: rule.findings.map((f) => foundEntry(f, flagOf(f.id) as Flag)),
      })),
    }),
  );

  const entryById = new Map(catalog.map((e) => [e.id, e]));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const rank = (id: string) => {
    const i = context.ruleOrder.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const gone = new Map<string, DossierEntry[]>();
  for (const flag of attached.noLongerFound) {
    if (flag.target.kind !== "finding") continue;
    const snapshot = flag.target.finding;
    const prevailing = prevailingEntry(
      entryById.get(snapshot.subject.layer),
      snapshot.constraint ? entryById.get(snapshot.constraint.layer) : undefined,
    );
    const entry: DossierEntry = {
      kind: "no-longer-found",
      flag,
      finding: null,
      rule: snapshot.rule,
      severity: ruleById.get(snapshot.rule)?.severity ?? null,
      subject: snapshot.subject,
      constraint: snapshot.constraint,
      areaSquareMeters: snapshot.areaSquareMeters,
      prevailing: prevailing && toPrevailing(prevailing),
      message: null,
      geometry: flagGeometry(flag, findingsById),
    };
    const list = gone.get(snapshot.rule);
    if (list) list.push(entry);
    else gone.set(snapshot.rule, [entry]);
  }
  const noLongerFound = [...gone.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((rule) => ({ rule, entries: gone.get(rule) ?? [] }));

  const own = attached.own.map(
    (flag): DossierEntry => ({
      kind: "own",
      flag,
      finding: null,
      rule: null,
      severity: null,
      subject: null,
      constraint: null,
      areaSquareMeters: null,
      prevailing: null,
      message: null,
      geometry: flagGeometry(flag),
    }),
  );

  const entries = [
    ...districts.flatMap((d) => d.rules.flatMap((r) => r.entries)),
    ...noLongerFound.flatMap((r) => r.entries),
    ...own,
  ];
  return { summary, districts, noLongerFound, own, entries };
}

function foundEntry(finding: Finding, flag: Flag): DossierEntry {
  return {
    kind: "found",
    flag,
    finding,
    rule: finding.rule,
    severity: finding.severity,
    subject: finding.subject,
    constraint: finding.constraint,
    areaSquareMeters: finding.areaSquareMeters,
    prevailing: finding.prevailing,
    message: finding.message,
    geometry: finding.geometry,
  };
}

/** The map image key of an entry: its flag id (one image per flag). */
export const dossierImageKey = (entry: DossierEntry): string => entry.flag.id;
