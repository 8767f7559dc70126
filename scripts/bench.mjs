#!/usr/bin/env node
// `npm run bench`: the speed section of issue 3. For each size of the generator's data
// (../shared/bench/gen-plan-data.mjs, seed 42, cached in git-ignored bench-out/) it runs
// `npm run check` on the reference overlay (scripts/bench-catalog.mjs) and prints wall time per
// phase, pairs found and peak memory; the ratio against naive all-pairs Turf at the smallest size;
// and, where PostGIS is installed, the ratios against ../shared/bench/postgis-anchor.sh run in the
// same run, with the pair-for-pair agreement. Ratios, not timed assertions: not part of npm test.
//
//   npm run bench -- [--sizes 1000x200,10000x2000,50000x5000] [--runs 3] [--no-postgis] [--no-naive]
//                    [--workers N|auto] [--threads-compare (adds --workers 1 and 2, --workers 1
//                    held to one core with taskset where util-linux has it: how much of the second
//                    core one thread already uses, and --workers 1 --watch: the check run again in
//                    the process that ran it first, warm, as PostGIS's query is)]
//                    [--database postgres://… (or PLAN_LAYERS_DATABASE_URL; adds `npm run check --
//                    --engine postgis` on that database, its time beside the anchor's hand-written
//                    query measured in the same run, and its pairs against the anchor's)]
//                    Sizes from 200 000 zones (STREAMED_FROM) are generated as newline-delimited
//                    GeoJSON (scripts/gen-plan-data-lines.mjs: the GeoJSON text of 1 000 000 zones
//                    is longer than V8's longest string), converted to FlatGeobuf with
//                    `npm run convert` (time and peak memory printed) and checked once, streamed
//                    (the city plan layer is over 64 MiB), with a 2-hour timeout per command:
//                    npm run bench -- --sizes 1000000x100000 --no-naive; with --database, the
//                    PostGIS engine too, once, streaming the same files into the database, its
//                    findings' ids and pairs against the in-process engine's (the anchor reads
//                    GeoJSON only: skipped there)
//                    [--data DIR (instead of the sizes: a prepared folder, its catalog.json checked
//                    as a streamed size, e.g. a grid too slow to generate with the shared generator)]
//                    [--validity (adds scripts/bench-validity.mjs: validity on 20 000 to 2 000 000
//                    vertices and 10 000 parts, against ST_IsValidDetail; a few minutes more)]
//                    [--no-proposal (skips the proposal-load line: scripts/bench-proposal.mjs, a
//                    100 000-feature proposal read through the format registry and the proposal
//                    pipeline against a bare JSON.parse of it, peak memory; about a minute)]
//                    [--app-proposal (adds scripts/bench-app-proposal.mjs: the same 100 000-zone
//                    file loaded in the built app in headless Chromium through the real picker —
//                    longest main-thread task, total blocking time, time to report / drawn /
//                    checked, peak JS heap, against a bare JSON.parse in the page; minutes)]
//                    [--min-distance (adds scripts/bench-min-distance.mjs: min-distance at 10 km
//                    around the districts, every layer and jagged polygons; a minute or two more)]
//                    [--triage (adds scripts/bench-triage.mjs: issue 8's filtering and regrouping of
//                    3 000 findings, ≤ 50 ms, and the headline area; about 15 s)]
//                    [--app-check (adds scripts/bench-app-check.mjs: the app's check of the shipped
//                    catalogue in headless Chromium through the run button, 5 runs, click → findings
//                    listed and drawn, longest main-thread task, regroup/filter of the findings
//                    panel, beside the CLI's time; builds the app; a minute or two)]
//   npm run bench -- --app [options of scripts/bench-app.mjs]: the app's load in Chromium instead
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSTRAINT_LAYERS, writeBenchCatalog } from "./bench-catalog.mjs";
import { runMeasured } from "./measured-run.mjs";
import { scriptArgs } from "./script-args.mjs";
import { timedCheck, watchedChecks } from "./timed-check.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared", "bench");
const outRoot = join(root, "bench-out");
const SEED = "42";
/** Zones from which a size is generated line by line, converted to FlatGeobuf and streamed. */
const STREAMED_FROM = 200_000;
/** Seconds a command of a streamed size may take. */
const STREAMED_TIMEOUT = 7200;
const streamed = ({ zones }) => zones >= STREAMED_FROM;

// `npm run bench -- --app`: the app's load benchmark instead (scripts/bench-app.mjs, also
// `npm run bench:app`), with the other arguments passed on.
if (process.argv.includes("--app")) {
  const args = process.argv.slice(2).filter((arg) => arg !== "--app");
  const app = spawnSync(process.execPath, [join(root, "scripts", "bench-app.mjs"), ...args], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(app.status ?? 1);
}

const { values: opts } = scriptArgs(import.meta.url, {
  sizes: { type: "string", default: "1000x200,10000x2000,50000x5000" },
  runs: { type: "string", default: "3" },
  "no-postgis": { type: "boolean", default: false },
  "no-naive": { type: "boolean", default: false },
  workers: { type: "string", default: "auto" },
  "threads-compare": { type: "boolean", default: false },
  validity: { type: "boolean", default: false },
  "no-proposal": { type: "boolean", default: false },
  "app-proposal": { type: "boolean", default: false },
  "min-distance": { type: "boolean", default: false },
  triage: { type: "boolean", default: false },
  "app-check": { type: "boolean", default: false },
  database: { type: "string" },
  data: { type: "string" },
});
// a secret (it may hold a password): passed to the command, never printed
const database = opts.database ?? process.env.PLAN_LAYERS_DATABASE_URL ?? null;
/**
 * `--data DIR`: a folder prepared beforehand (its `catalog.json`, the rules and layers it names),
 * checked instead of the generator's sizes, as a streamed size (once; the anchor, which reads the
 * generator's GeoJSON, skipped): data too slow to generate here, or real data.
 */
const prepared = opts.data ? resolve(opts.data) : null;
const sizes = prepared
  ? [{ zones: null, constraints: null, prepared }]
  : opts.sizes.split(",").map((s) => {
      const m = /^(\d+)x(\d+)$/.exec(s.trim());
      if (!m) throw new Error(`--sizes: "${s}" is not ZONESxCONSTRAINTS`);
      return { zones: Number(m[1]), constraints: Number(m[2]) };
    });
const RUNS = Math.max(1, Number(opts.runs));
const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// ------------------------------------------------------------------ data
function ensureData({ zones, constraints }) {
  const dir = join(outRoot, `z${zones}x${constraints}`);
  const manifest = join(dir, "gen-manifest.json");
  const same = () => {
    if (!existsSync(manifest)) return false;
    const a = JSON.parse(readFileSync(manifest, "utf8")).args ?? {};
    return a.zones === zones && a.constraints === constraints && String(a.seed) === SEED;
  };
  const lines = streamed({ zones });
  if (!same()) {
    mkdirSync(dir, { recursive: true });
    log(`generating ${zones} × ${constraints} into ${dir} …`);
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        lines
          ? join(root, "scripts", "gen-plan-data-lines.mjs")
          : join(shared, "gen-plan-data.mjs"),
        "--zones",
        String(zones),
        "--constraints",
        String(constraints),
        "--seed",
        SEED,
        "--out",
        dir,
      ],
      {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        // the generator holds every zone: ~2 GiB at 200 000, several times that at 1 000 000
        env: lines ? { ...process.env, NODE_OPTIONS: "--max-old-space-size=16384" } : process.env,
      },
    );
    if (r.status !== 0) throw new Error(`gen-plan-data.mjs failed (${r.status})`);
    log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (!lines) return { dir, catalog: writeBenchCatalog(dir), convert: null };
  return { dir, catalog: writeBenchCatalog(dir, "fgb"), convert: convertToFgb(dir) };
}

/**
 * Converts a streamed size's layers to FlatGeobuf (`npm run convert`, streaming), each measured:
 * wall time and peak RSS of the largest (the city plan). Skipped when the .fgb is newer.
 */
function convertToFgb(dir) {
  const out = {};
  for (const id of ["city-plan", ...CONSTRAINT_LAYERS]) {
    const input = join(dir, `${id}.ndjson`);
    const output = join(dir, `${id}.fgb`);
    if (existsSync(output) && statSync(output).mtimeMs >= statSync(input).mtimeMs) continue;
    log(`npm run convert ${id}.ndjson → ${id}.fgb …`);
    const r = runMeasured(
      process.execPath,
      [join(root, "scripts", "run-cli.mjs"), "convert", input, output],
      STREAMED_TIMEOUT,
    );
    if (r.status !== 0) throw new Error(`npm run convert failed (${r.status}):\n${r.stderr}`);
    out[id] = { wall_ms: r.wallMs, rss_peak_mb: r.peakMb, bytes: statSync(output).size };
  }
  return out;
}

// ------------------------------------------------------------------ our command
/** Whether a command of that name is on the PATH. */
function onPath(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

/** util-linux's taskset, to hold a run to one core (`--threads-compare`). */
const withTaskset = onPath("taskset");

function runCheck(catalog, out, workers, timeoutSeconds, oneCore = false) {
  return timedCheck(["--catalog", catalog, "--format", "csv", "--out", out, "--workers", workers], {
    timeoutSeconds,
    oneCore,
  });
}

/**
 * The in-process engine's runs at one size. A streamed size runs once, cold (minutes each), under
 * STREAMED_TIMEOUT. `oneCore`: held to the first core (see timedCheck).
 */
function ourRuns(catalog, dir, workers, once = false, oneCore = false) {
  const out = join(dir, `ours-findings-${workers}${oneCore ? "-one-core" : ""}.csv`);
  const run = (timeout) => runCheck(catalog, out, workers, timeout, oneCore);
  const runs = [];
  if (once) runs.push(run(STREAMED_TIMEOUT));
  else {
    run(); // warm the file cache; not counted (PostGIS's first run is also cold)
    for (let i = 0; i < RUNS; i++) runs.push(run());
  }
  return { ...medianOf(runs), findingsCsv: out };
}

/**
 * The medians of a setting's `--timings` lines (`wall_ms` where measured), with what does not vary
 * from run to run taken from the first.
 */
function medianOf(runs) {
  const pick = (k) => median(runs.map((r) => r[k]));
  return {
    read_ms: pick("read_ms"),
    index_ms: pick("index_ms"),
    check_ms: pick("check_ms"),
    check_cpu_ms: pick("check_cpu_ms"),
    /** CPU ÷ wall of the check phase, the median over runs (not a ratio of medians). */
    check_cores: median(runs.map((r) => r.check_cpu_ms / r.check_ms)),
    write_ms: pick("write_ms"),
    startup_ms: pick("startup_ms"),
    total_ms: pick("total_ms"),
    wall_ms: runs[0].wall_ms === undefined ? null : pick("wall_ms"),
    pairs: runs[0].pairs,
    findings: runs[0].findings,
    candidate_pairs: runs[0].candidate_pairs,
    kernel_calls: runs[0].kernel_calls,
    workers: runs[0].workers,
    rss_peak_mb: Math.max(...runs.map((r) => r.rss_peak_mb)),
    heap_mb: Math.max(...runs.map((r) => r.heap_mb)),
    runs: runs.map((r) => ({
      check_ms: r.check_ms,
      total_ms: r.total_ms,
      ...(r.wall_ms === undefined ? {} : { wall_ms: Math.round(r.wall_ms) }),
    })),
  };
}

/**
 * One thread checking again in the process that checked first (`--watch`, the rules file saved
 * unchanged RUNS times): the medians of the re-checks, measured as the anchor measures PostGIS's
 * query (the median of repeated queries on data loaded and indexed). The first check is not
 * counted; it is the fresh process's, as in `ourRuns`.
 */
async function watchedRuns(catalog, dir) {
  const out = join(dir, "ours-findings-watch.csv");
  const args = ["--catalog", catalog, "--format", "csv", "--out", out, "--workers", "1"];
  const all = await watchedChecks(args, { touch: join(dir, "rules.json"), rechecks: RUNS });
  // a re-check's total_ms runs from the save seen to the findings written (no process start)
  return { ...medianOf(all.slice(1)), first_check_ms: all[0].check_ms, findingsCsv: out };
}

/** Our findings CSV → the anchor's pair file (city_id,constraint_layer,constraint_id,area_m2). */
function toPairsCsv(findingsCsv, pairsCsv) {
  const [head, ...lines] = readFileSync(findingsCsv, "utf8").trim().split("\n");
  const cols = head.split(",");
  const ix = (k) => cols.indexOf(k);
  const rows = lines.map((l) => l.split(",")).filter((c) => c[ix("status")] === "ok");
  const text = ["city_id,constraint_layer,constraint_id,area_m2"]
    .concat(
      rows.map((c) =>
        [
          c[ix("subject_id")],
          c[ix("constraint_layer")],
          c[ix("constraint_id")],
          c[ix("area_m2")],
        ].join(","),
      ),
    )
    .join("\n");
  writeFileSync(pairsCsv, `${text}\n`);
}

/**
 * `npm run check -- --engine postgis` on the bench catalogue, RUNS times; medians of its phases.
 * `format` "csv" asks for what the anchor computes (pairs and their areas; the engine adds each
 * kept pair's subject area and districts, no geometry), "json" for the full findings (each
 * conflict's geometry as GeoJSON too). A streamed size runs once, cold, under STREAMED_TIMEOUT, as
 * the in-process engine there (its layers are streamed into the database the same way).
 */
function enginePostgisRuns(catalog, dir, format, once = false) {
  const out = join(dir, `postgis-engine-findings.${format}`);
  const args = ["--catalog", catalog, "--format", format, "--out", out, "--engine", "postgis"];
  const run = () =>
    timedCheck([...args, "--database", database], once ? { timeoutSeconds: STREAMED_TIMEOUT } : {});
  if (!once) run(); // warm-up, as for the in-process runs
  const runs = [];
  for (let i = 0; i < (once ? 1 : RUNS); i++) runs.push(run());
  const pick = (k) => median(runs.map((r) => r[k]));
  // read_ms holds the file layers' load too (each copied in, indexed and analysed as it is read);
  // index_ms is what remains of the load (screening, the district layer), check_ms the queries
  return {
    read_ms: pick("read_ms"),
    load_ms: pick("index_ms"),
    query_ms: pick("check_ms"),
    wall_ms: pick("wall_ms"),
    pairs: runs[0].pairs,
    findings: runs[0].findings,
    // the Node process's; the server's memory is PostgreSQL's own (shared_buffers, work_mem)
    rss_peak_mb: Math.max(...runs.map((r) => r.rss_peak_mb)),
    findingsCsv: format === "csv" ? out : null,
  };
}

/** The cells of a CSV line as the findings CSV writes them (a quoted cell may hold commas). */
function csvCells(line) {
  const cells = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const m of line.matchAll(re)) {
    const cell = m[1];
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    if (m[2] === "") break;
  }
  return cells;
}

/** The finding ids of two findings CSVs: how many each has, and how many only one has. */
function compareFindingIds(aCsv, bCsv) {
  const ids = (file) => {
    const [head, ...rows] = readFileSync(file, "utf8").trim().split("\n");
    const at = csvCells(head).indexOf("id");
    return new Set(rows.map((row) => csvCells(row)[at]));
  };
  const a = ids(aCsv);
  const b = ids(bCsv);
  const onlyA = [...a].filter((id) => !b.has(id)).length;
  const onlyB = [...b].filter((id) => !a.has(id)).length;
  return { a: a.size, b: b.size, onlyA, onlyB, same: onlyA === 0 && onlyB === 0 };
}

/** The 1-minute load average, for the report: the machine is shared. */
const loadAverage = () => loadavg()[0].toFixed(1);

/*
 * What first touch of new memory costs here, in µs per 4 KiB page: 64 MiB written in 1 MiB
 * ArrayBuffers by a fresh Node process, so none of it was touched before. On some virtual machines
 * it dominates: 12 µs a page on the 2-core one of issue 11, where a 50 000-zone check peaks at
 * ~360 MB (up to ~1 s of its ~2.5 s) while PostGIS works in memory it touched long before.
 */
const FIRST_TOUCH = `
const start = performance.now();
const kept = [];
for (let m = 0; m < 64; m++) {
  const bytes = new Uint8Array(1 << 20);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = 1;
  kept.push(bytes);
}
console.log(((performance.now() - start) * 1000) / (64 * 256));
`;

/** Median of three fresh processes' {@link FIRST_TOUCH}, µs per page; null if it could not run. */
function firstTouchMicros() {
  const runs = [0, 1, 2].map(() => {
    const r = spawnSync(process.execPath, ["-e", FIRST_TOUCH], { encoding: "utf8" });
    return r.status === 0 ? Number(r.stdout.trim()) : Number.NaN;
  });
  const ok = runs.filter(Number.isFinite).sort((a, b) => a - b);
  return ok.length === runs.length ? (ok[1] ?? null) : null;
}
const firstTouch = firstTouchMicros();

// ------------------------------------------------------------------ PostGIS
function postgisInstalled() {
  return (
    existsSync("/usr/lib/postgresql/15/bin/initdb") &&
    existsSync("/usr/share/postgresql/15/extension/postgis.control") &&
    onPath("ogr2ogr")
  );
}

function runPostgis(dir) {
  const r = spawnSync("bash", [join(shared, "postgis-anchor.sh"), dir], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    log(`postgis-anchor.sh failed (${r.status}):\n${r.stderr}`);
    return null;
  }
  const s = JSON.parse(readFileSync(join(dir, "postgis-summary.json"), "utf8"));
  const t = s.timings_ms;
  return {
    pairs: s.pairs,
    load_ms: t.load.total,
    index_ms: t.index_gist + t.analyze,
    query_serial_ms: t.query_serial_median,
    query_parallel_ms: t.query_parallel1_median,
    load_index_query_ms: t.load.total + t.index_gist + t.analyze + t.query_serial_median,
    versions: s.versions,
  };
}

function comparePairs(ours, theirs) {
  const r = spawnSync(process.execPath, [join(shared, "compare-pairs.mjs"), ours, theirs], {
    encoding: "utf8",
  });
  try {
    const j = JSON.parse(r.stdout);
    return {
      verdict: j.verdict,
      only_ours: j.only_in_a,
      only_postgis: j.only_in_b,
      max_rel_area_diff: j.rel_area_diff.max,
      median_signed: j.signed_b_over_a_minus_1.median,
    };
  } catch {
    return { verdict: `compare-pairs.mjs failed: ${r.stderr}` };
  }
}

// ------------------------------------------------------------------ run
const withPostgis = !opts["no-postgis"] && postgisInstalled();
if (!opts["no-postgis"] && !withPostgis)
  log("PostGIS 15 + postgis-3 + ogr2ogr not installed: PostGIS ratios skipped");
log("building the CLI bundle if stale …");
spawnSync(process.execPath, [join(root, "scripts", "run-cli.mjs"), "check", "--help"], {
  cwd: root,
  stdio: "ignore",
});

const results = [];
for (const size of sizes) {
  const { dir, catalog, convert } = size.prepared
    ? { dir: size.prepared, catalog: join(size.prepared, "catalog.json"), convert: null }
    : ensureData(size);
  const label = size.prepared ? basename(size.prepared) : `${size.zones}×${size.constraints}`;
  const once = size.prepared !== undefined || streamed(size);
  log(
    `${label}: npm run check × ${once ? "1 (cold; a big FlatGeobuf streamed)" : `${RUNS} (+1 warm-up)`}, workers ${opts.workers} …`,
  );
  const loadBefore = loadAverage();
  const ours = ourRuns(catalog, dir, opts.workers, once);
  const row = { size: label, zones: size.zones, constraints: size.constraints, ours, convert };
  if (opts["threads-compare"]) {
    for (const n of ["1", "2"].filter((w) => w !== opts.workers)) {
      log(`${label}: the same with --workers ${n} …`);
      row[`workers${n}`] = ourRuns(catalog, dir, n, once);
    }
    if (!once && withTaskset) {
      log(`${label}: the same with --workers 1 held to one core (taskset -c 0) …`);
      row.oneCore = ourRuns(catalog, dir, "1", false, true);
    }
    if (!once) {
      log(`${label}: --workers 1 --watch, checked again ${RUNS} times in the same process …`);
      row.watched = await watchedRuns(catalog, dir);
    }
  }
  const oursPairs = join(dir, "ours-pairs.csv");
  toPairsCsv(ours.findingsCsv, oursPairs);
  if (database) {
    // a streamed size: once, CSV only (the full findings would be another run of many minutes)
    log(
      `${label}: npm run check -- --engine postgis × ${once ? "1 (cold; a big FlatGeobuf streamed), CSV" : `${RUNS} (+1 warm-up), CSV and JSON`} …`,
    );
    row.engine = enginePostgisRuns(catalog, dir, "csv", once);
    if (!once) row.engineFull = enginePostgisRuns(catalog, dir, "json");
    row.enginePairs = join(dir, "postgis-engine-pairs.csv");
    toPairsCsv(row.engine.findingsCsv, row.enginePairs);
    row.engineAgreement = comparePairs(oursPairs, row.enginePairs);
    row.engineIds = compareFindingIds(ours.findingsCsv, row.engine.findingsCsv);
  }
  // The anchor script reads GeoJSON only: skipped for streamed sizes.
  if (withPostgis && once) log(`${label}: postgis-anchor.sh reads GeoJSON only: skipped`);
  if (withPostgis && !once) {
    log(`${label}: postgis-anchor.sh …`);
    row.postgis = runPostgis(dir);
    if (row.postgis) row.agreement = comparePairs(oursPairs, join(dir, "postgis-pairs.csv"));
    if (row.postgis && row.enginePairs) {
      row.engineAnchorAgreement = comparePairs(row.enginePairs, join(dir, "postgis-pairs.csv"));
    }
  }
  row.loadAverage = `${loadBefore} → ${loadAverage()}`;
  results.push(row);
}

let naive = null;
if (!opts["no-naive"] && !prepared && results.length > 0) {
  const smallest = results.reduce((a, b) =>
    a.zones * a.constraints <= b.zones * b.constraints ? a : b,
  );
  log(`${smallest.size}: naive all-pairs Turf (takes ~10 s) …`);
  const { naiveTurf } = await import("./bench-naive-turf.mjs");
  naive = {
    size: smallest.size,
    ...naiveTurf(join(outRoot, `z${smallest.zones}x${smallest.constraints}`)),
  };
  naive.ratio_check = naive.ms / smallest.ours.check_ms;
  naive.ratio_wall = naive.ms / smallest.ours.wall_ms;
}

// ------------------------------------------------------------------ report
const f0 = (x) => (x === null || x === undefined ? "–" : Math.round(x).toLocaleString("en-US"));
const f2 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2));
const lines = [];
lines.push(
  `Benchmark of npm run check (medians of ${RUNS} runs after a warm-up; seed ${SEED}; times in ms)`,
);
if (firstTouch !== null) {
  lines.push(
    `This machine: first touch of new memory ${firstTouch.toFixed(2)} µs per 4 KiB page (${Math.round(4096 / firstTouch)} MB/s; 64 MiB in 1 MiB buffers, a fresh process, median of 3): commonly a fraction of a µs; where it is several, a command's peak RSS weighs on its time.`,
  );
}
lines.push("");
lines.push(
  "| zones × constraints | --workers → threads | read | index | check | check CPU (cores busy) | write | total (in process) | wall (node scripts/run-cli.mjs) | pairs | candidate pairs | peak RSS MB | heap MB |",
);
lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const variants = [
    [opts.workers, r.ours],
    ["1", r.workers1],
    ["2", r.workers2],
    ["1 on one core (taskset -c 0)", r.oneCore],
    [`1, --watch: checked again (median of ${RUNS})`, r.watched],
  ].filter(([, o]) => o);
  for (const [how, o] of variants) {
    lines.push(
      `| ${r.size} | ${how} → ${o.workers} | ${f0(o.read_ms)} | ${f0(o.index_ms)} | ${f0(o.check_ms)} | ${f0(o.check_cpu_ms)} (${f2(o.check_cores)}) | ${f0(o.write_ms)} | ${f0(o.total_ms)} | ${f0(o.wall_ms)} | ${o.pairs} | ${o.candidate_pairs} | ${o.rss_peak_mb} | ${o.heap_mb} |`,
    );
  }
}
const converted = results.filter((r) => r.convert && Object.keys(r.convert).length > 0);
if (converted.length > 0) {
  lines.push("");
  lines.push(
    "| zones × constraints | npm run convert (.ndjson → .fgb) | wall ms | peak RSS MB | .fgb MB |",
  );
  lines.push("|---|---|---|---|---|");
  for (const r of converted) {
    for (const [id, c] of Object.entries(r.convert)) {
      lines.push(
        `| ${r.size} | ${id} | ${f0(c.wall_ms)} | ${c.rss_peak_mb ?? "–"} | ${f0(c.bytes / 2 ** 20)} |`,
      );
    }
  }
}
if (naive) {
  lines.push("");
  lines.push(
    `Naive all-pairs Turf at ${naive.size}: ${f0(naive.ms)} ms, ${naive.pairs} pairs (${naive.tested} pairs tested, ${naive.failed} failed) — ` +
      `${f2(naive.ratio_check)}× our check phase, ${f2(naive.ratio_wall)}× our whole command`,
  );
}
if (results.some((r) => r.postgis)) {
  lines.push("");
  lines.push(
    "| zones × constraints | PostGIS pairs | load | index+analyze | query 1 proc | query 2 proc | load+index+query | our check ÷ query 1p | ÷ query 2p | our wall ÷ load+index+query | agreement (only ours / only PostGIS / max rel. area diff) |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const p = r.postgis;
    if (!p) continue;
    const a = r.agreement ?? {};
    lines.push(
      `| ${r.size} | ${p.pairs} | ${f0(p.load_ms)} | ${f0(p.index_ms)} | ${f0(p.query_serial_ms)} | ${f0(p.query_parallel_ms)} | ${f0(p.load_index_query_ms)} | ${f2(r.ours.check_ms / p.query_serial_ms)} | ${f2(r.ours.check_ms / p.query_parallel_ms)} | ${f2(r.ours.wall_ms / p.load_index_query_ms)} | ${a.verdict ?? "–"} (${a.only_ours ?? "–"} / ${a.only_postgis ?? "–"} / ${a.max_rel_area_diff ?? "–"}) |`,
    );
  }
}
const at = (z, c) => results.find((r) => r.zones === z && r.constraints === c);
const mid = at(10000, 2000);
const big = at(50000, 5000);
lines.push("");
if (results.some((r) => r.engine)) {
  lines.push("");
  lines.push(
    "| zones × constraints | --engine postgis: read + load of the files (COPY + GiST + ANALYZE) | rest of the load | queries, same work as the anchor (CSV) | ÷ anchor query 1 proc | queries, full findings (JSON, + GeoJSON) | ÷ anchor query 1 proc | wall (CSV) | peak RSS MB (Node) | findings (in process) | finding ids (only in process / only postgis) | pairs | agreement with in process | with the anchor | load average (1 min, start → end of the size) |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const e = r.engine;
    if (!e) continue;
    const full = r.engineFull ?? {};
    const a = r.engineAgreement ?? {};
    const b = r.engineAnchorAgreement ?? {};
    const ids = r.engineIds;
    const idCell = ids ? `${ids.same ? "same" : "DIFFER"} (${ids.onlyA} / ${ids.onlyB})` : "–";
    const ratio = (ms) => (r.postgis ? f2(ms / r.postgis.query_serial_ms) : "–");
    lines.push(
      `| ${r.size} | ${f0(e.read_ms)} | ${f0(e.load_ms)} | ${f0(e.query_ms)} | ${ratio(e.query_ms)} | ${f0(full.query_ms)} | ${ratio(full.query_ms)} | ${f0(e.wall_ms)} | ${e.rss_peak_mb} | ${e.findings} (${r.ours.findings}) | ${idCell} | ${e.pairs} | ${a.verdict ?? "–"} (${a.only_ours ?? "–"} / ${a.only_postgis ?? "–"} / ${a.max_rel_area_diff ?? "–"}) | ${b.verdict ?? "–"} | ${r.loadAverage} |`,
    );
  }
  lines.push(
    "(Read + load: catalogue and layers read and validated in Node, once, each layer copied in (COPY, GiST, ANALYZE) as it is validated, a streamed layer a batch at a time during its one pass; the rest of the load: screening the rules, the district layer. Peak RSS: the command's Node process, the server's memory not counted. Queries: from the end of the load to the findings in memory — each rule's query, its rows to Node, the findings made from them. Same work as the anchor: the pairs over the tolerance and their areas, plus each kept pair's subject area and districts; full findings add each conflict's geometry as GeoJSON. The engine's queries run on the --database server, the anchor's on its own throwaway cluster with shared_buffers=1GB, work_mem=256MB, jit=off; goal of issue 11: ≤ 1.5× the anchor's query.)",
  );
}
lines.push("Targets of issue 3 (at 10 000 × 2 000, same machine, same run):");
const verdict = (ok) => (ok ? "PASS" : "MISS");
if (mid?.postgis) {
  const p = mid.postgis;
  lines.push(
    `- check phase ${f0(mid.ours.check_ms)} ms ≤ PostGIS overlay query ${f0(p.query_serial_ms)} ms (1 process): ${verdict(mid.ours.check_ms <= p.query_serial_ms)} (2 processes ${f0(p.query_parallel_ms)} ms: ${verdict(mid.ours.check_ms <= p.query_parallel_ms)})`,
  );
  lines.push(
    `- whole command ${f0(mid.ours.wall_ms)} ms (wall of node scripts/run-cli.mjs check; ${f0(mid.ours.total_ms)} ms in process) ≤ PostGIS load+index+query ${f0(p.load_index_query_ms)} ms: ${verdict(mid.ours.wall_ms <= p.load_index_query_ms)}`,
  );
} else {
  lines.push(
    "- check phase and whole command vs PostGIS: not measured (needs PostGIS and the 10000x2000 size)",
  );
}
if (mid && big) {
  const rc = big.ours.check_ms / mid.ours.check_ms;
  const rw = big.ours.wall_ms / mid.ours.wall_ms;
  const rp = big.ours.candidate_pairs / mid.ours.candidate_pairs;
  lines.push(
    `- 50 000 × 5 000 within 6× of 10 000 × 2 000: check phase ${f2(rc)}×, whole command ${f2(rw)}×: ${verdict(rc <= 6 && rw <= 6)} (candidate pairs ${f2(rp)}×, zones × constraints 12.5×)`,
  );
} else {
  lines.push("- 50 000 × 5 000 vs 10 000 × 2 000: not measured (needs both sizes)");
}
// Issue 11, "Both cores": at 10 000 × 2 000 and 50 000 × 5 000, the check phase on the threads
// `auto` takes and on two against PostGIS's 2-process query, the whole command against its load +
// index + query (both ≤ 0.5×), and the findings of every thread count byte for byte the same.
const bothCores = results.filter(
  (r) => r.postgis && (r.size === "10000×2000" || r.size === "50000×5000"),
);
if (bothCores.length > 0) {
  lines.push("");
  lines.push("Targets of issue 11, both cores (same run; ≤ 0.5× PostGIS):");
  for (const r of bothCores) {
    const p = r.postgis;
    const variants = [
      [`auto → ${r.ours.workers}`, r.ours],
      ["2", r.workers2],
    ].filter(([, o]) => o);
    for (const [how, o] of variants) {
      const check = o.check_ms / p.query_parallel_ms;
      const whole = o.wall_ms / p.load_index_query_ms;
      lines.push(
        `- ${r.size}, --workers ${how}: check phase ${f0(o.check_ms)} ms = ${f2(check)}× the 2-process query (${f0(p.query_parallel_ms)} ms): ${verdict(check <= 0.5)}; whole command ${f0(o.wall_ms)} ms = ${f2(whole)}× load+index+query (${f0(p.load_index_query_ms)} ms): ${verdict(whole <= 0.5)}`,
      );
    }
    const one = r.workers1 ?? (r.ours.workers === 1 ? r.ours : null);
    if (one && r.oneCore) {
      lines.push(
        `- ${r.size}, one thread: its check phase kept ${f2(one.check_cores)} cores busy (CPU ÷ wall; V8 compiles optimised code and collects garbage on threads of its own); held to one core it took ${f0(r.oneCore.check_ms)} ms = ${f2(r.oneCore.check_ms / one.check_ms)}× its time with both`,
      );
      // however the work is shared, two cores cannot end it before half of the least CPU time
      // it was seen to take (two busy cores each run slower: the one-core run usually takes less)
      const least = Math.min(one.check_cpu_ms, r.oneCore.check_cpu_ms);
      const floor = least / 2;
      lines.push(
        `- ${r.size}: the least CPU time of that check phase, ${f0(least)} ms (${f0(one.check_cpu_ms)} on both cores, ${f0(r.oneCore.check_cpu_ms)} on one), halved: ${f0(floor)} ms = ${f2(floor / p.query_parallel_ms)}× the 2-process query, the floor of any split of this work over two cores`,
      );
    }
    if (r.watched) {
      const again = r.watched.check_ms / p.query_parallel_ms;
      lines.push(
        `- ${r.size}, --workers 1 --watch, checked again in the same process (median of ${RUNS}, as the anchor takes the median of ${RUNS} queries on loaded data; the first check, ${f0(r.watched.first_check_ms)} ms, is the fresh process's above): check phase ${f0(r.watched.check_ms)} ms = ${f2(again)}× the 2-process query: ${verdict(again <= 0.5)}; the whole re-check, read to findings written, ${f0(r.watched.total_ms)} ms`,
      );
    }
    const csvs = [r.ours, r.workers1, r.workers2, r.oneCore, r.watched]
      .filter(Boolean)
      .map((o) => o.findingsCsv);
    const same = csvs.every((f) => readFileSync(f).equals(readFileSync(csvs[0])));
    if (csvs.length > 1) {
      lines.push(
        `- ${r.size}: findings of the ${csvs.length} settings above (threads, one core, --watch) byte-identical: ${verdict(same)}`,
      );
    }
  }
}
let validity = null;
if (opts.validity) {
  log("validity: scripts/bench-validity.mjs …");
  const { benchValidity, DEFAULT_CASES, DEFAULT_POSTGIS_CASES } = await import(
    "./bench-validity.mjs"
  );
  validity = await benchValidity({
    cases: DEFAULT_CASES,
    postgisCases: DEFAULT_POSTGIS_CASES,
    timeoutSeconds: 120,
    postgis: !opts["no-postgis"],
  });
  lines.push("", ...validity.lines);
}
let proposal = null;
if (!opts["no-proposal"]) {
  log("proposal load: scripts/bench-proposal.mjs …");
  const { benchProposalLoad } = await import("./bench-proposal.mjs");
  proposal = await benchProposalLoad({ runs: RUNS });
  lines.push("", ...proposal.lines);
}
let appProposal = null;
if (opts["app-proposal"]) {
  log("proposal load in the app: scripts/bench-app-proposal.mjs …");
  const { benchAppProposal } = await import("./bench-app-proposal.mjs");
  appProposal = await benchAppProposal({ runs: 1 });
  lines.push("", ...appProposal.lines);
}
let minDistance = null;
if (opts["min-distance"]) {
  log("min-distance: scripts/bench-min-distance.mjs …");
  const { benchMinDistance, DEFAULT_CASES } = await import("./bench-min-distance.mjs");
  minDistance = benchMinDistance({ cases: DEFAULT_CASES, timeoutSeconds: 600 });
  lines.push("", ...minDistance.lines);
}
let triage = null;
if (opts.triage) {
  log("triage: scripts/bench-triage.mjs …");
  const { benchTriage } = await import("./bench-triage.mjs");
  triage = await benchTriage();
  lines.push("", ...triage.lines);
}
let appCheck = null;
if (opts["app-check"]) {
  log("app check: scripts/bench-app-check.mjs …");
  const { benchAppCheck } = await import("./bench-app-check.mjs");
  appCheck = await benchAppCheck({ runs: 5 });
  lines.push("", ...appCheck.lines);
}
const text = lines.join("\n");
console.log(text);
mkdirSync(outRoot, { recursive: true });
writeFileSync(
  join(outRoot, "bench-summary.json"),
  `${JSON.stringify({ when: new Date().toISOString(), runs: RUNS, firstTouchMicrosPerPage: firstTouch, results, naive, validity: validity?.rows ?? null, proposal: proposal?.rows ?? null, appProposal: appProposal?.rows ?? null, minDistance: minDistance?.rows ?? null, triage: triage?.result ?? null, appCheck: appCheck?.result ?? null }, null, 2)}
`,
);
writeFileSync(join(outRoot, "bench-summary.md"), `${text}\n`);
log(`written ${join("bench-out", "bench-summary.md")} and bench-summary.json`);
