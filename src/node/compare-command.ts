import { dirname, resolve } from "node:path";
import type { FeatureCollection } from "geojson";
import { districtLayer } from "../core/catalog/catalog-queries";
import type { LayerEntry } from "../core/catalog/schema";
import {
  type CodeSummary,
  CURRENT_LAYER,
  comparePlans,
  comparisonChunks,
  type PlanComparison,
  PROPOSAL_LAYER,
  type TransitionSummary,
} from "../core/compare/index";
import { type CheckArgs, checkSourceOf } from "./check-args";
import { bilingual, CheckInputError, problemsError } from "./check-error";
import {
  type InputPlan,
  type LayerFile,
  missingHint,
  type ProposalFiles,
  planInputs,
  readInputs,
} from "./check-inputs";
import { problemLine } from "./check-problems";
import { inputFilesOf, refuseInputAsOutput, resolveOutput } from "./output-target";
import { readProposalFiles } from "./read-layer";
import { writeOutput } from "./write-output";

/** Transitions printed on stderr, largest first; the outputs hold them all. */
const TRANSITION_LINES = 20;

const ha = (value: number) => value.toFixed(2);
const signed = (value: number) => `${value >= 0 ? "+" : "−"}${ha(Math.abs(value))}`;
const code = (value: string | null) => value ?? "(không mã / no code)";

/** "đổi / changed CLN → ODT: 21 mảnh / pieces, 1973.60 ha". */
function transitionLine(t: TransitionSummary): string {
  const kind = {
    changed: `đổi / changed ${code(t.from)} → ${code(t.to)}`,
    added: `thêm / added → ${code(t.to)}`,
    removed: `bỏ / removed ${code(t.from)} →`,
  }[t.kind];
  const nc = t.notComputed > 0 ? `, ${t.notComputed} không tính được / not computed` : "";
  return `  ${kind}: ${t.pieces} mảnh / pieces${nc}, ${ha(t.hectares)} ha`;
}

/** "ODT: 33910.15 → 39956.56 ha (+6046.40 ha), 116 → 128 vùng / zones". */
function codeLine(c: CodeSummary): string {
  return `  ${code(c.code)}: ${ha(c.hectaresBefore)} → ${ha(c.hectaresAfter)} ha (${signed(c.hectaresChange)} ha), ${c.zonesBefore} → ${c.zonesAfter} vùng / zones`;
}

/** The summary as stderr lines: what changes, then each code before and after. */
function summaryLines(result: PlanComparison, shown: { proposal: string; layer: string }) {
  const { transitions, codes, totals } = result.summary;
  const lines = [
    bilingual({
      vi: `Đã so sánh ${shown.proposal} với lớp "${shown.layer}": ${totals.pieces} mảnh; đổi mã ${ha(totals.changedHectares)} ha, thêm ${ha(totals.addedHectares)} ha, bỏ ${ha(totals.removedHectares)} ha, giữ nguyên ${ha(totals.unchangedHectares)} ha`,
      en: `Compared ${shown.proposal} with layer "${shown.layer}": ${totals.pieces} pieces; ${ha(totals.changedHectares)} ha change code, ${ha(totals.addedHectares)} ha added, ${ha(totals.removedHectares)} ha removed, ${ha(totals.unchangedHectares)} ha unchanged`,
    }),
  ];
  if (totals.notComputed > 0 || totals.unchangedNotComputed > 0) {
    lines.push(
      bilingual({
        vi: `  ${totals.notComputed} mảnh và ${totals.unchangedNotComputed} phần giữ nguyên không tính được (xem cột reason)`,
        en: `  ${totals.notComputed} pieces and ${totals.unchangedNotComputed} unchanged overlaps could not be computed (see the reason column)`,
      }),
    );
  }
  lines.push(...transitions.slice(0, TRANSITION_LINES).map(transitionLine));
  const more = transitions.length - TRANSITION_LINES;
  if (more > 0)
    lines.push(`  … ${more} chuyển đổi khác trong tệp JSON / more transitions in the JSON output`);
  lines.push("Diện tích theo mã, trước → sau / Area by code, before → after:");
  lines.push(
    ...codes.filter((c) => c.hectaresChange !== 0 || c.zonesBefore !== c.zonesAfter).map(codeLine),
  );
  return lines;
}

/** Reads both plans (and the districts), reporting every bad file, not only the first. */
async function readPlans(readPlan: InputPlan, proposalFiles: ProposalFiles) {
  const [current, proposal] = await Promise.allSettled([
    readInputs(readPlan),
    readProposalFiles(proposalFiles.paths, proposalFiles),
  ]);
  const lines: string[] = [];
  for (const s of [current, proposal]) {
    if (s.status === "rejected") {
      if (!(s.reason instanceof CheckInputError)) throw s.reason;
      lines.push(...s.reason.lines);
    }
  }
  if (current.status === "rejected" || proposal.status === "rejected") {
    throw new CheckInputError(lines);
  }
  return { loaded: current.value, proposal: proposal.value };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * `npm run check -- --proposal FILE --compare`: what the proposal changes compared with the layer it
 * replaces (the layer the check would replace: `--proposal-layer`, else the one city-level layer
 * the rules check), written in `--format` to `--out` or stdout, a summary on stderr. Exit 0: a
 * comparison is no verdict. Bad input throws CheckInputError (exit 2), as the check.
 */
export async function runCompareCommand(args: CheckArgs): Promise<number> {
  const t0 = performance.now();
  const output = args.out === null ? null : resolveOutput(args.out);
  const plan = await planInputs(checkSourceOf(args));
  // --compare requires --proposal (check-args), so planInputs found the layer it replaces
  const proposalFiles = plan.proposal as NonNullable<InputPlan["proposal"]>;
  const proposalPath = proposalFiles.paths[0] as string;
  const layers = plan.loaded.catalog.layers;
  const target = layers.find((l) => l.id === proposalFiles.layer) as LayerEntry;
  const base = dirname(plan.loaded.catalogPath);
  const currentPath = resolve(base, target.source);
  const hint = missingHint(currentPath);
  const current: LayerFile = {
    id: target.id,
    path: currentPath,
    kind: "polygon",
    ...(hint ? { hint } : {}),
  };
  const district = districtLayer(layers);
  const districts: LayerFile | null = district
    ? { id: district.id, path: resolve(base, district.source), kind: "polygon" }
    : null;
  if (output) {
    refuseInputAsOutput(output, [
      ...inputFilesOf(plan),
      { path: currentPath, role: { vi: `lớp "${target.id}"`, en: `layer "${target.id}"` } },
    ]);
  }
  // the current layer and the districts are read as the check reads catalogue layers
  // proposal: null, or readInputs would read the proposal in place of the current layer it replaces
  const read = await readPlans(
    { ...plan, proposal: null, files: [current], districts },
    proposalFiles,
  );
  const currentLayer = read.loaded.input.layers[target.id] as FeatureCollection;
  const t1 = performance.now();
  const result = comparePlans(currentLayer, read.proposal.collection, {
    ...(read.loaded.input.districts ? { districts: read.loaded.input.districts } : {}),
    geometry: args.format !== "csv",
  });
  const t2 = performance.now();
  // problems name the file of their side
  const sides: InputPlan = {
    ...plan,
    files: [
      { id: CURRENT_LAYER, path: currentPath, kind: "polygon" },
      { id: PROPOSAL_LAYER, path: proposalPath, kind: "polygon" },
    ],
    districts: null,
  };
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw problemsError(
      errors.map((p) => problemLine(p, sides)),
      {
        vi: "không so sánh được phương án với quy hoạch hiện hành",
        en: "the proposal cannot be compared with the current plan",
      },
    );
  }
  await writeOutput(output, comparisonChunks(result, args.format));
  const t3 = performance.now();
  for (const line of [...read.loaded.warnings, ...read.proposal.warnings]) console.error(line);
  for (const problem of result.problems) console.error(problemLine(problem, sides));
  const shown = { proposal: proposalFiles.file, layer: target.id };
  for (const line of summaryLines(result, shown)) console.error(line);
  if (args.timings) {
    console.error(
      JSON.stringify({
        read_ms: round1(t1 - t0),
        compare_ms: round1(t2 - t1),
        write_ms: round1(t3 - t2),
        total_ms: round1(performance.now()),
        pieces: result.pieces.length,
        candidate_pairs: result.stats.candidatePairs,
        identical_pairs: result.stats.identicalPairs,
        kernel_calls: result.stats.kernelCalls,
        differences: result.stats.differences,
        rss_peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  }
  return 0;
}
