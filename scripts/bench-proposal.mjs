#!/usr/bin/env node
// `npm run bench` (the proposal-load line; or this script alone): loading a 100 000-feature
// proposal (~25 MB GeoJSON, generated deterministically into the temporary folder, never
// committed) through the format registry and the proposal pipeline — what the app's Worker and
// `npm run check -- --proposal` do — against a bare JSON.parse of the same file (goal ≤ 3×), in
// WGS84 and in VN-2000 metres (reprojected). Each run is its own process under `timeout` and
// `/usr/bin/time -v`: its milliseconds from the file on disk, and its peak RSS. Ratios, not
// assertions.
//
//   node scripts/bench-proposal.mjs [--runs 3] [--zones 100000] [--timeout 300]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleIfStale } from "./bundle.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => process.stderr.write(`[bench:proposal] ${line}\n`);
const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Runs one case; its JSON line, and the peak RSS in MB, or why it stopped. */
function runCase(bundle, args, timeoutSeconds) {
  const r = spawnSync(
    "/usr/bin/time",
    ["-v", "timeout", String(timeoutSeconds), process.execPath, bundle, ...args],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  const peakMb = rss ? Math.round(Number(rss[1]) / 1024) : null;
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) {
    const why = r.status === 124 ? `timed out after ${timeoutSeconds} s` : `exit ${r.status}`;
    return { ms: null, peakMb, note: why, stderr: (r.stderr ?? "").slice(-500) };
  }
  return { ...JSON.parse(line), peakMb };
}

/**
 * The generated proposal of `zones` zones, in WGS84 and in VN-2000 metres: made once, then kept in
 * the temporary folder for the same size (also the app bench's input, scripts/bench-app-proposal.mjs).
 *
 * @returns the case runner's bundle and the two files, WGS84 first
 */
export async function proposalFiles({ zones = 100_000, timeoutSeconds = 300 } = {}) {
  const bundle = join(root, "build", "bench", "proposal-load-case.mjs");
  await bundleIfStale(join(root, "scripts", "proposal-load-case.ts"), bundle);
  const dir = join(tmpdir(), `plan-layers-bench-proposal-${zones}`);
  const files = ["proposal-wgs84.geojson", "proposal-vn2000.geojson"].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) {
    mkdirSync(dir, { recursive: true });
    log(`generating ${zones} zones into ${dir} …`);
    const made = runCase(bundle, ["generate", dir, String(zones)], timeoutSeconds);
    if (made.ms === null) throw new Error(`generating failed: ${made.note}\n${made.stderr}`);
  }
  return { bundle, files };
}

/**
 * Generates the files (once: they are kept in the temporary folder for the same size), then runs
 * `runs` bare parses and `runs` loads of each, alternating.
 *
 * @returns the table lines and the rows
 */
export async function benchProposalLoad({ runs = 3, zones = 100_000, timeoutSeconds = 300 } = {}) {
  const { bundle, files } = await proposalFiles({ zones, timeoutSeconds });
  const rows = [];
  for (const file of files) {
    const mb = statSync(file).size / 2 ** 20;
    const parse = [];
    const load = [];
    for (let i = 0; i < runs; i++) {
      log(`${file}: run ${i + 1}/${runs} …`);
      parse.push(runCase(bundle, ["parse", file], timeoutSeconds));
      load.push(runCase(bundle, ["load", file], timeoutSeconds));
    }
    const last = load.at(-1) ?? {};
    const row = {
      file,
      mb,
      features: last.features ?? null,
      valid: last.valid ?? null,
      crs: last.crs ?? null,
      attribute: last.attribute ?? null,
      parseMs: median(parse.map((r) => r.ms)),
      loadMs: median(load.map((r) => r.ms)),
      parseCpuMs: median(parse.map((r) => r.cpuMs ?? null)),
      loadCpuMs: median(load.map((r) => r.cpuMs ?? null)),
      parsePeakMb: median(parse.map((r) => r.peakMb)),
      loadPeakMb: median(load.map((r) => r.peakMb)),
      notes: load.filter((r) => r.note).map((r) => r.note),
    };
    row.ratio = row.parseMs && row.loadMs ? row.loadMs / row.parseMs : null;
    // CPU time too: on a shared machine the wall-clock ratio moves with the others' load
    row.cpuRatio = row.parseCpuMs && row.loadCpuMs ? row.loadCpuMs / row.parseCpuMs : null;
    rows.push(row);
  }
  const f0 = (x) => (x === null || x === undefined ? "–" : Math.round(x).toLocaleString("en-US"));
  const f1 = (x) => (x === null || x === undefined ? "–" : x.toFixed(1));
  const f2 = (x) => (x === null || x === undefined ? "–" : x.toFixed(2));
  const lines = [
    `Proposal load (registry read + proposal pipeline) against a bare JSON.parse of the same file, medians of ${runs} runs, each in its own process (goal ≤ 3×)`,
    "",
    "| file | MB | features (valid) | CRS used | land-use attribute | JSON.parse ms | load ms | load ÷ parse | CPU ms parse / load (÷) | peak RSS MB parse / load |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.file.split("/").pop()} | ${f1(r.mb)} | ${f0(r.features)} (${f0(r.valid)}) | ${r.crs ?? "–"} | ${r.attribute ?? "–"} | ${f0(r.parseMs)} | ${f0(r.loadMs)} | ${f2(r.ratio)} | ${f0(r.parseCpuMs)} / ${f0(r.loadCpuMs)} (${f2(r.cpuRatio)}) | ${f0(r.parsePeakMb)} / ${f0(r.loadPeakMb)} |${r.notes.length ? ` ${r.notes.join("; ")}` : ""}`,
    ),
  ];
  return { lines, rows };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = scriptArgs(import.meta.url, {
    runs: { type: "string", default: "3" },
    zones: { type: "string", default: "100000" },
    timeout: { type: "string", default: "300" },
  });
  const { lines } = await benchProposalLoad({
    runs: Math.max(1, Number(values.runs)),
    zones: Number(values.zones),
    timeoutSeconds: Number(values.timeout),
  });
  console.log(lines.join("\n"));
}
