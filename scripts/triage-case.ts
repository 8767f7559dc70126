/**
 * The triage benchmark (scripts/bench-triage.mjs bundles and runs it in a process of its own):
 *
 *   node triage-case.mjs [FINDINGS=3000] [SEED=42]
 *
 * Generates FINDINGS findings (seeded: 8 rules, 30 districts, conflict polygons of 16–64 vertices
 * clustered so that a rule's conflicts overlap, a tenth across two districts, a third flagged) and
 * times what a reviewer's click costs: indexing the run (once per run), filtering, regrouping the
 * filtered list, and the headline area (union per rule) cold and warm. Prints one JSON line of
 * medians in milliseconds. Issue 8's goal: filtering or regrouping 3 000 findings in ≤ 50 ms.
 */
import type { Position } from "geojson";
import { ellipsoidalArea } from "../src/core/check/ellipsoidal-area";
import { createClipperKernel, type Finding } from "../src/core/check/index";
import type { FlagStatus } from "../src/core/review/index";
import { groupFindings } from "../src/state/check-groups";
import { headlineArea } from "../src/state/triage-area";
import { applyTriage, type ReviewStatusKey, type TriageFilter } from "../src/state/triage-filter";
import { indexFindings } from "../src/state/triage-index";

const count = Number(process.argv[2] ?? 3000);
let seed = Number(process.argv[3] ?? 42);

/** mulberry32: a small seeded generator, so every run measures the same findings. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

const RULES = Array.from({ length: 8 }, (_, i) => `rule-${i}`);
const DISTRICTS = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(3, "0"));
const STATUSES: ReviewStatusKey[] = ["unflagged", "unflagged", "open", "confirmed", "resolved"];
const CLUSTERS = Array.from({ length: 300 }, () => [105.3 + random() * 0.7, 20.6 + random() * 0.8]);

/** A wobbly ring of `n` vertices around (x, y), radius about `r` metres, counter-clockwise. */
function ring(x: number, y: number, r: number, n: number): Position[] {
  const dx = r / (111_320 * Math.cos((y * Math.PI) / 180));
  const dy = r / 110_574;
  const points: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = 0.7 + 0.3 * random();
    points.push([x + Math.cos(a) * dx * k, y + Math.sin(a) * dy * k]);
  }
  points.push(points[0] as Position);
  return points;
}

function generate(): { findings: Finding[]; status: Map<string, ReviewStatusKey> } {
  const findings: Finding[] = [];
  const status = new Map<string, ReviewStatusKey>();
  for (let i = 0; i < count; i++) {
    const rule = pick(RULES);
    const [cx, cy] = pick(CLUSTERS) as [number, number];
    const coordinates = [
      ring(
        cx + (random() - 0.5) * 0.01,
        cy + (random() - 0.5) * 0.01,
        20 + random() * 380,
        16 + Math.floor(random() * 49),
      ),
    ];
    const area = ellipsoidalArea([coordinates]);
    const d = pick(DISTRICTS);
    const id = i.toString(16).padStart(16, "0");
    findings.push({
      id,
      rule,
      ruleType: "no-overlap",
      severity: RULES.indexOf(rule) < 5 ? "error" : "warning",
      status: "ok",
      subject: { layer: "zones", featureId: `Z-${i}` },
      constraint: { layer: "constraint", featureId: `C-${i}` },
      prevailing: null,
      message: { vi: "Quy hoạch thành phố phải điều chỉnh", en: "The city plan must be adjusted" },
      geometry: { type: "Polygon", coordinates },
      areaSquareMeters: area,
      shareOfSubject: random(),
      measures: {},
      districts: random() < 0.1 ? [d, pick(DISTRICTS)].sort() : [d],
    });
    status.set(id, pick(STATUSES));
  }
  return { findings, status };
}

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
function time(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}
const round = (ms: number) => Math.round(ms * 100) / 100;

const { findings, status } = generate();
const statusOf = (id: string) => status.get(id) ?? "unflagged";
const context = { ruleOrder: RULES, districtName: (code: string) => `Quận ${code}` };
const FILTERS: Record<string, TriageFilter> = {
  all: {},
  "errors ≥ 1 ha": { severities: ["error"], minAreaSquareMeters: 10_000 },
  "one rule": { rules: ["rule-2"] },
  "three districts": { districts: ["005", "012", "020"] },
  "confirmed or open": { reviewStatuses: ["confirmed", "open"] as FlagStatus[] },
};
const sort = { by: "area", direction: "desc" } as const;

const indexMs = time(5, () => indexFindings(findings));
const index = indexFindings(findings);
const filterMs: Record<string, number> = {};
const filterAndRegroupMs: Record<string, number> = {};
const filterAndRegroupKeptMs: Record<string, number> = {};
for (const [name, filter] of Object.entries(FILTERS)) {
  filterMs[name] = round(time(21, () => applyTriage(index, filter, sort, statusOf)));
  filterAndRegroupMs[name] = round(
    time(11, () => {
      const view = applyTriage(index, filter, sort, statusOf);
      groupFindings(view.findings, "district", context);
    }),
  );
  // as the results list does it: the filtered list's order kept within each group
  filterAndRegroupKeptMs[name] = round(
    time(11, () => {
      const view = applyTriage(index, filter, sort, statusOf);
      groupFindings(view.findings, "district", { ...context, keepOrder: true });
    }),
  );
}
// a list grouped for the first time (a copy each time: the same list grouped again is remembered)
const regroupAllMs = round(time(11, () => groupFindings([...findings], "rule", context)));
// the reviewer switches the grouping to district and back to rule on the same filtered list
const shown = applyTriage(index, {}, sort, statusOf);
const filteredContext = { ...context, keepOrder: true };
groupFindings(shown.findings, "rule", filteredContext);
const switchTimes: number[] = [];
for (let i = 0; i < 11; i++) {
  for (const by of ["district", "rule"] as const) {
    const t = performance.now();
    groupFindings(shown.findings, by, filteredContext);
    switchTimes.push(performance.now() - t);
  }
}
const regroupSwitchMs = median(switchTimes);
// a flag changes (a status, no status filter): filter against the last view, then regroup
const flagged = new Map(status);
const flagChangeMs = time(11, () => {
  flagged.set("0000000000000001", flagged.get("0000000000000001") === "open" ? "resolved" : "open");
  const view = applyTriage(index, {}, sort, (id) => flagged.get(id) ?? "unflagged", shown);
  groupFindings(view.findings, "rule", filteredContext);
});
let t0 = performance.now();
const cold = headlineArea(findings);
const headlineColdMs = performance.now() - t0;
const headlineCachedMs = time(3, () => headlineArea(findings));
// a new run's geometries with the code already compiled: no cached conversions
const headlineNewRunMs = time(3, () => headlineArea(findings, createClipperKernel()));
const errors = applyTriage(index, FILTERS["errors ≥ 1 ha"] as TriageFilter, sort, statusOf);
t0 = performance.now();
headlineArea(errors.findings);
const headlineFilteredMs = performance.now() - t0;
// the same errors sorted by share: the same findings in another order, the same union
const byShare = applyTriage(
  index,
  FILTERS["errors ≥ 1 ha"] as TriageFilter,
  { by: "share", direction: "desc" },
  statusOf,
);
t0 = performance.now();
headlineArea(byShare.findings);
const headlineResortMs = performance.now() - t0;

// the longest single step of headlineAreaInSteps (one rule's union) on a new run's geometries
const stepKernel = createClipperKernel();
let longestStepMs = 0;
for (const rule of RULES) {
  const members = findings.filter((f) => f.rule === rule);
  const t = performance.now();
  headlineArea(members, stepKernel);
  longestStepMs = Math.max(longestStepMs, performance.now() - t);
}

console.log(
  JSON.stringify({
    findings: findings.length,
    vertices: findings.reduce(
      (n, f) => n + ((f.geometry as { coordinates: Position[][] }).coordinates[0]?.length ?? 0),
      0,
    ),
    index_ms: round(indexMs),
    filter_ms: filterMs,
    filter_and_regroup_ms: filterAndRegroupMs,
    filter_and_regroup_kept_ms: filterAndRegroupKeptMs,
    regroup_all_ms: regroupAllMs,
    regroup_switch_ms: round(regroupSwitchMs),
    flag_change_ms: round(flagChangeMs),
    headline_resort_ms: round(headlineResortMs),
    headline_cold_ms: round(headlineColdMs),
    headline_cached_ms: round(headlineCachedMs),
    headline_longest_step_ms: round(longestStepMs),
    headline_new_run_ms: round(headlineNewRunMs),
    headline_filtered_ms: round(headlineFilteredMs),
    summed_over_union: round(cold.summedSquareMeters / cold.unionSquareMeters),
  }),
);
