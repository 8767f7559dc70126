#!/usr/bin/env node
// `npm run bench -- --min-distance` (or this script alone): how long min-distance checks take over
// realistic and adversarial constraints within the schema's bound (10 km). Each case is a catalogue
// written to a temporary folder (the shipped layers by relative paths, plus a generated jagged
// polygon where the case asks for one), checked by the real CLI (`npm run check`, one thread) in its
// own process under `timeout` and `/usr/bin/time -v`. Housing zones of the shipped city plan are the
// subject, as in the shipped rules. Prints wall time, the check phase, peak RSS, the findings and
// their total area, and a digest of the CSV, so a change can be checked for the same answers.
// Ratios, not assertions: not part of npm test.
//
//   node scripts/bench-min-distance.mjs [--timeout 600] [--cases shipped,shipped:10000,…]
//                                       [--keep DIR (keeps each case's CSV there)]
//                                       [--root DIR (another checkout's CLI and layers, with its
//                                       data/ built: to measure before and after a change)]
//
// Cases: `shipped[:D]` the shipped min-distance rules (at D metres); `layer:ID:D` one rule against
// the catalogue layer ID; `layers:D` one rule against each of the other 21 catalogue layers;
// `jagged:N:D` against a jagged polygon of N vertices (scripts/jagged-polygon.mjs); `city:D` against
// Hà Nội's 30 districts as one MultiPolygon (from ../shared/data/vn-admin: the city as one feature).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jaggedCollection } from "./jagged-polygon.mjs";
import { runMeasured } from "./measured-run.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_CASES = [
  "shipped",
  "shipped:10000",
  "layer:hanoi-districts:25",
  "layer:hanoi-districts:10000",
  "layers:10000",
  "city:10000",
  "jagged:8000:1000",
  "jagged:2000:10000",
  "jagged:8000:10000",
];
const HOUSING = {
  layer: "city-plan-zones",
  filter: { attribute: "land_use_code", in: ["ODT", "ONT"] },
};
const SUBJECT_LAYER = "city-plan-zones";

const log = (line) => process.stderr.write(`[bench:min-distance] ${line}\n`);

function minDistanceRule(id, constraint, distanceMeters) {
  return {
    id,
    type: "min-distance",
    title: { vi: `Cách ${constraint.layer}`, en: `Clear of ${constraint.layer}` },
    description: { vi: "Đo hiệu năng", en: "Benchmark" },
    severity: "error",
    subject: HOUSING,
    constraint,
    distanceMeters,
    toleranceSquareMeters: 1,
  };
}

/** Hà Nội's 30 districts as one MultiPolygon feature. */
function cityCollection() {
  const file = resolve(root, "..", "shared", "data", "vn-admin", "hanoi-districts.geojson");
  const districts = JSON.parse(readFileSync(file, "utf8")).features;
  const parts = districts.flatMap((f) =>
    f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  const geometry = { type: "MultiPolygon", coordinates: parts };
  return {
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { id: "city" }, geometry }],
  };
}

/** Writes the case's catalogue and rules into `dir`; returns the catalogue path. */
function writeCase(dir, spec, layersDir) {
  const [kind, a, b] = spec.split(":");
  const catalog = JSON.parse(readFileSync(join(layersDir, "catalog.json"), "utf8"));
  for (const layer of catalog.layers) {
    layer.source = relative(dir, resolve(layersDir, layer.source));
  }
  let rules;
  if (kind === "shipped") {
    const shipped = JSON.parse(readFileSync(join(layersDir, catalog.rules), "utf8"));
    rules = shipped.rules.filter((r) => r.type === "min-distance");
    if (a !== undefined) for (const r of rules) r.distanceMeters = Number(a);
  } else if (kind === "layer") {
    rules = [minDistanceRule(`clear-of-${a}`, { layer: a }, Number(b))];
  } else if (kind === "layers") {
    rules = catalog.layers
      .filter((layer) => layer.id !== SUBJECT_LAYER)
      .map((layer) => minDistanceRule(`clear-of-${layer.id}`, { layer: layer.id }, Number(a)));
  } else if (kind === "jagged" || kind === "city") {
    const id = kind;
    const collection = kind === "jagged" ? jaggedCollection(Number(a)) : cityCollection();
    writeFileSync(join(dir, `${id}.geojson`), JSON.stringify(collection));
    const template = catalog.layers.find((layer) => layer.id === "dyke-protection-zone");
    catalog.layers.push({
      ...template,
      id,
      title: { vi: `Lớp ${id}`, en: `Layer ${id}` },
      source: `${id}.geojson`,
      attributes: [],
      style: { type: "simple", color: "#888888" },
    });
    const d = Number(kind === "jagged" ? b : a);
    rules = [minDistanceRule(`clear-of-${id}`, { layer: id }, d)];
  } else {
    throw new Error(`unknown case ${spec}`);
  }
  catalog.rules = "rules.json";
  writeFileSync(join(dir, "rules.json"), JSON.stringify({ version: 1, rules }));
  writeFileSync(join(dir, "catalog.json"), JSON.stringify(catalog));
  return join(dir, "catalog.json");
}

/** Runs one case: wall and check-phase ms, peak RSS (MB), findings, total area (ha), CSV digest. */
function runCase(spec, { timeoutSeconds, keep, cliRoot }) {
  const dir = mkdtempSync(join(tmpdir(), "bench-min-distance-"));
  try {
    const catalog = writeCase(dir, spec, join(cliRoot, "layers"));
    const out = join(dir, "findings.csv");
    const args = ["check", "--catalog", catalog, "--format", "csv", "--out", out];
    const r = runMeasured(
      process.execPath,
      [join(cliRoot, "scripts", "run-cli.mjs"), ...args, "--timings", "--workers", "1"],
      timeoutSeconds,
    );
    const { wallMs, cpuMs, peakMb } = r;
    if (r.timedOut)
      return { spec, wallMs, cpuMs, peakMb, note: `timed out after ${timeoutSeconds} s` };
    if (r.status !== 0 && r.status !== 1) {
      const oom = /heap out of memory|allocation failure/.test(r.stderr);
      const note = oom ? `out of memory, exit ${r.status}` : `exit ${r.status}`;
      return { spec, wallMs, cpuMs, peakMb, note };
    }
    const timings = /^\{"read_ms".*$/m.exec(r.stderr);
    const checkMs = timings ? Math.round(JSON.parse(timings[0]).check_ms) : null;
    const csv = readFileSync(out, "utf8");
    const rows = csv.trim().split("\n").slice(1);
    const header = csv.split("\n")[0]?.split(",") ?? [];
    const areaColumn = header.indexOf("area_m2");
    // the columns before the area hold ids and layer names, never a quoted comma
    const m2 = rows.reduce((sum, row) => sum + (Number(row.split(",")[areaColumn]) || 0), 0);
    const hectares = m2 / 1e4;
    const digest = createHash("sha256").update(csv).digest("hex").slice(0, 12);
    if (keep) copyFileSync(out, join(keep, `${spec.replaceAll(":", "_")}.csv`));
    return { spec, wallMs, cpuMs, checkMs, peakMb, findings: rows.length, hectares, digest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the cases; returns the rows and the report's lines. */
export function benchMinDistance({ cases, timeoutSeconds, keep = null, cliRoot = root }) {
  // build the CLI bundle first, so that no case pays for it
  spawnSync(process.execPath, [join(cliRoot, "scripts", "run-cli.mjs"), "check", "--help"]);
  const rows = [];
  for (const spec of cases) {
    log(`${spec} …`);
    const row = runCase(spec, { timeoutSeconds, keep, cliRoot });
    log(`${spec}: ${JSON.stringify(row)}`);
    rows.push(row);
  }
  const lines = [
    "min-distance (housing zones against the case's constraints; one process each, one thread)",
    "",
    "| case | wall s | CPU s | check phase s | peak RSS MB | findings | area ha | CSV sha256 |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const s = (ms) => (ms === null || ms === undefined ? "–" : (ms / 1000).toFixed(2));
    lines.push(
      row.note
        ? `| ${row.spec} | ${s(row.wallMs)} (${row.note}) | ${s(row.cpuMs)} | – | ${row.peakMb ?? "–"} | – | – | – |`
        : `| ${row.spec} | ${s(row.wallMs)} | ${s(row.cpuMs)} | ${s(row.checkMs)} | ${row.peakMb ?? "–"} | ${row.findings} | ${row.hectares.toFixed(2)} | ${row.digest} |`,
    );
  }
  return { rows, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: opts } = scriptArgs(import.meta.url, {
    timeout: { type: "string", default: "600" },
    cases: { type: "string", default: DEFAULT_CASES.join(",") },
    keep: { type: "string" },
    root: { type: "string" },
  });
  const { lines } = benchMinDistance({
    cases: opts.cases.split(",").map((s) => s.trim()),
    timeoutSeconds: Number(opts.timeout),
    keep: opts.keep ? resolve(opts.keep) : null,
    cliRoot: opts.root ? resolve(opts.root) : root,
  });
  process.stdout.write(`${lines.join("\n")}\n`);
}
