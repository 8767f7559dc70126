#!/usr/bin/env node
// `npm run bench -- --validity` (or this script alone): how validity scales. Each case runs in its
// own process under `timeout` and `/usr/bin/time -v` (milliseconds of the operation alone, peak RSS
// of the process): the valid-geometry rule on simple polygons of 20 000, 200 000 and 2 000 000
// vertices (a boundary-like wiggly ring, and a star: the worst shape for indexing edge boxes, GEOS's
// included), one with a planted crossing, a MultiPolygon of 10 000 identical parts, and the data
// step's findGeometryProblems on 200 000 vertices; with PostGIS installed, ST_IsValidDetail on the
// same polygons (a throwaway cluster on a Unix socket, as ../shared/bench/postgis-anchor.sh starts
// it). Ratios, not assertions.
//
//   node scripts/bench-validity.mjs [--timeout 120] [--cases rule:wiggle:20000,…]
//                                   [--postgis-cases rule:wiggle:20000,…] [--no-postgis]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleIfStale } from "./bundle.mjs";
import { runMeasured } from "./measured-run.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_CASES = [
  "rule:wiggle:20000",
  "rule:wiggle:200000",
  "rule:wiggle:2000000",
  "rule:star:20000",
  "rule:star:200000",
  "rule:star:2000000",
  "rule:star-crossing:200000",
  "parts:squares:10000",
  "data:wiggle:200000",
  "data:star:200000",
];
/**
 * GEOS takes minutes on the big stars (its monotone chains' boxes hold each other too). On the
 * parts, ST_IsValidDetail stops at the first overlap; the rule computes the whole overlap.
 */
export const DEFAULT_POSTGIS_CASES = [
  "rule:wiggle:20000",
  "rule:wiggle:200000",
  "rule:wiggle:2000000",
  "rule:star:20000",
  "parts:squares:10000",
];

const log = (line) => process.stderr.write(`[bench:validity] ${line}\n`);

/** Bundles scripts/validity-case.ts (and what it imports from src/ and test/) into build/bench/. */
async function bundleCase() {
  const out = join(root, "build", "bench", "validity-case.mjs");
  await bundleIfStale(join(root, "scripts", "validity-case.ts"), out);
  return out;
}

/** Runs one case; its own milliseconds, the peak RSS in MB, what it found, or why it stopped. */
function runCase(bundle, spec, timeoutSeconds) {
  const [mode, shape, size] = spec.split(":");
  const r = runMeasured(process.execPath, [bundle, mode, shape, size], timeoutSeconds);
  const peakMb = r.peakMb;
  if (r.timedOut) return { spec, ms: null, peakMb, note: `timed out after ${timeoutSeconds} s` };
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) {
    const why = /Command terminated by signal \d+|JavaScript heap out of memory/.exec(r.stderr);
    return { spec, ms: null, peakMb, note: why ? why[0] : `exit ${r.status}` };
  }
  const result = JSON.parse(line);
  return { spec, ms: result.ms, cpuMs: result.cpuMs, peakMb, found: result.found };
}

/** ST_IsValidDetail on the polygons of the rule cases, in a throwaway cluster; null without PostGIS. */
function postgisTimes(bundle, specs, timeoutSeconds) {
  const pgbin = "/usr/lib/postgresql/15/bin";
  if (
    !existsSync(join(pgbin, "initdb")) ||
    !existsSync("/usr/share/postgresql/15/extension/postgis.control")
  ) {
    log("PostGIS not installed: skipped");
    return null;
  }
  const work = mkdtempSync(join(tmpdir(), "validity-pg-"));
  const asRoot = process.getuid?.() === 0;
  const pg = (cmd, args, input) =>
    spawnSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, {
      encoding: "utf8",
      input,
      maxBuffer: 1 << 26,
    });
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", work]);
  const data = join(work, "data");
  const times = {};
  const verdicts = {};
  let started = false;
  try {
    let r = pg(join(pgbin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--no-locale",
    ]);
    if (r.status !== 0) throw new Error(r.stderr);
    r = pg(join(pgbin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      join(work, "log"),
      "-w",
      "-o",
      `-c listen_addresses='' -k ${work} -c fsync=off`,
      "start",
    ]);
    if (r.status !== 0) throw new Error(r.stderr);
    started = true;
    const psql = (sql) =>
      pg(
        "psql",
        ["-X", "-q", "-h", work, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1"],
        sql,
      );
    r = psql("CREATE EXTENSION IF NOT EXISTS postgis;");
    if (r.status !== 0) throw new Error(r.stderr);
    for (const spec of specs) {
      const [, shape, size] = spec.split(":");
      log(`PostGIS ${spec} …`);
      const file = join(work, `${shape}-${size}.geojson`);
      spawnSync(process.execPath, [bundle, "write", shape, size, file]);
      if (asRoot) spawnSync("chown", ["postgres:postgres", file]);
      const sql = [
        `SET statement_timeout = '${timeoutSeconds}s';`,
        "CREATE TEMP TABLE g AS SELECT ST_GeomFromGeoJSON(pg_read_file(:'file')) AS geom;",
        "\\timing on",
        "SELECT (ST_IsValidDetail(geom)).valid FROM g;",
      ].join("\n");
      const out = pg(
        "psql",
        ["-X", "-q", "-A", "-t", "-h", work, "-U", "postgres", "-d", "postgres"].concat([
          "-v",
          `file=${file}`,
        ]),
        sql,
      );
      const time = /Time: ([\d.]+) ms/.exec(out.stdout ?? "");
      const valid = /^([tf])$/m.exec(out.stdout ?? "")?.[1];
      // a query cancelled by the statement timeout has a time too, and an error
      const failed = /ERROR/.test(out.stderr ?? "");
      times[spec] = time && !failed ? Math.round(Number(time[1])) : null;
      verdicts[spec] = valid === "t" ? "valid" : valid === "f" ? "invalid" : null;
      log(
        `PostGIS ${spec}: ${times[spec] ?? "failed"} ms, ${verdicts[spec] ?? "–"} ${(out.stderr ?? "").trim()}`,
      );
    }
  } catch (error) {
    log(`PostGIS failed: ${String(error).slice(0, 300)}`);
  } finally {
    if (started) pg(join(pgbin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    rmSync(work, { recursive: true, force: true });
  }
  return { times, verdicts };
}

/** Runs the cases; returns the rows and the report's lines. */
export async function benchValidity({ cases, postgisCases, timeoutSeconds, postgis }) {
  const bundle = await bundleCase();
  const rows = [];
  for (const spec of cases) {
    log(`${spec} …`);
    const row = runCase(bundle, spec, timeoutSeconds);
    log(
      `${spec}: ${row.ms ?? "–"} ms, peak ${row.peakMb} MB ${row.note ?? JSON.stringify(row.found)}`,
    );
    rows.push(row);
  }
  const pg = postgis ? postgisTimes(bundle, postgisCases, timeoutSeconds) : null;
  const lines = [
    "Validity (mode:shape:vertices; the operation's ms in its own process, peak RSS of the process)",
    "",
    "| case | ms | CPU ms | peak RSS MB | found | PostGIS ST_IsValidDetail ms | PostGIS says | ours ÷ PostGIS |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const pgMs = pg?.times[row.spec] ?? null;
    const ratio = row.ms !== null && pgMs ? (row.ms / pgMs).toFixed(2) : "–";
    const found = row.found
      ? row.found.map((f) => `${f.problem ?? f.code}${f.count ? ` ×${f.count}` : ""}`).join(", ") ||
        "nothing"
      : "–";
    lines.push(
      `| ${row.spec} | ${row.ms ?? row.note} | ${row.cpuMs ?? "–"} | ${row.peakMb ?? "–"} | ${found} | ${pgMs ?? "–"} | ${pg?.verdicts[row.spec] ?? "–"} | ${ratio} |`,
    );
  }
  for (const shape of ["wiggle", "star"]) {
    const small = rows.find((r) => r.spec === `rule:${shape}:200000`);
    const big = rows.find((r) => r.spec === `rule:${shape}:2000000`);
    if (small?.ms && big?.ms) {
      const cpu =
        small.cpuMs && big.cpuMs ? `, ${(big.cpuMs / small.cpuMs).toFixed(1)}× the CPU` : "";
      lines.push(
        `- ${shape}: 2 000 000 vertices take ${(big.ms / small.ms).toFixed(1)}× the time of 200 000${cpu} (n log n: 11.9×, n²: 100×)`,
      );
    }
  }
  return { rows, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: opts } = scriptArgs(import.meta.url, {
    timeout: { type: "string", default: "120" },
    cases: { type: "string", default: DEFAULT_CASES.join(",") },
    "postgis-cases": { type: "string", default: DEFAULT_POSTGIS_CASES.join(",") },
    "no-postgis": { type: "boolean", default: false },
  });
  const list = (text) => text.split(",").map((s) => s.trim());
  const { lines } = await benchValidity({
    cases: list(opts.cases),
    postgisCases: list(opts["postgis-cases"]),
    timeoutSeconds: Number(opts.timeout),
    postgis: !opts["no-postgis"],
  });
  process.stdout.write(`${lines.join("\n")}\n`);
}
