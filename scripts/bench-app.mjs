#!/usr/bin/env node
// `npm run bench:app` (or `npm run bench -- --app`): the "Fast" part of issue 9. Builds the app,
// serves dist/ with `vite preview` on a free loopback port and loads it N times in headless Chromium
// (playwright-core driving /usr/bin/chromium, a fresh browser context — empty cache — each time).
// Per load it reads, from navigation start:
//
//   first drawn map  the app's performance mark `plan-layers:first-map`: the map's first `idle` at
//                    which the districts and every plan layer switched on at start (loaded, or
//                    failed and reported) are drawn, set once that frame is on the screen
//                    (src/map/first-draw.ts; older builds set it before that frame's
//                    read-back, which software WebGL makes the page wait for). A build older than the
//                    mark is timed by the same rule from outside: the first `idle` at which the
//                    district source and the source of every catalogue layer visible by default
//                    are loaded (read from dist/layers/catalog.json).
//   longest task     the longest main-thread task before that moment (PerformanceObserver
//                    'longtask', installed before any script of the page runs)
//   blocking time    total blocking time in that window: the sum of (task − 50 ms) over long tasks
//   JS before draw   the JavaScript files requested (page and workers) before that moment: their
//                    bytes as built and gzipped (zlib level 9, as a static host would send them)
//
// and prints median / min / max beside the issue's goals (first drawn map ≤ 2 s, no task over
// 200 ms, main chunk ≤ 600 kB and gzip ≤ 200 kB). Figures, not assertions: not part of npm test.
//
//   npm run bench:app -- [--runs 5] [--no-build] [--dist DIR (serve a build made elsewhere instead
//                        of building)] [--baseline DIR (another build, e.g. an older commit's
//                        `vite build --outDir DIR`, loaded in turn with this one: both under the
//                        same load from the rest of the machine)] [--json FILE]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { formatPairedDifference, pairedDifference } from "./paired-difference.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The issue's goals on this machine when it is otherwise idle. */
const GOALS = { firstMapMs: 2000, longestTaskMs: 200, mainBytes: 600_000, mainGzipBytes: 200_000 };

const FIRST_MAP_MARK = "plan-layers:first-map";
const OUTSIDE_MARK = "bench:first-map";
const LOAD_TIMEOUT_MS = 120_000;

const log = (line) => process.stderr.write(`[bench:app] ${line}\n`);

/**
 * Runs in the page before any of its scripts: records long tasks, and times the first drawn map from
 * outside for a build that does not mark it (see the header). `expected` lists the plan layers
 * visible by default.
 */
function pageProbe(expected) {
  const tasks = [];
  window.__benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      tasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask" });
  let map;
  window.__benchFrames = 0;
  Object.defineProperty(window, "__planLayersMap", {
    configurable: true,
    get: () => map,
    set: (value) => {
      map = value;
      if (!value) return;
      value.on("render", () => {
        if (performance.getEntriesByName("plan-layers:first-map").length > 0) return;
        if (performance.getEntriesByName("bench:first-map").length > 0) return;
        window.__benchFrames++;
      });
      const onIdle = () => {
        const loaded = (id) => value.getSource(id) !== undefined && value.isSourceLoaded(id);
        if (!loaded("base:districts")) return;
        if (!expected.every((id) => loaded(`plan:${id}`))) return;
        value.off("idle", onIdle);
        performance.mark("bench:first-map");
      };
      value.on("idle", onIdle);
    },
  });
}

/** Plan layers the catalogue shows by default (the outside timing of a build without the mark). */
function defaultVisibleLayers(dist) {
  const file = join(dist, "layers", "catalog.json");
  if (!existsSync(file)) return [];
  const catalog = JSON.parse(readFileSync(file, "utf8"));
  return (catalog.layers ?? []).filter((l) => l.visible !== false).map((l) => l.id);
}

/** The entry chunk dist/index.html starts, and the chunks it preloads. */
function entryChunks(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g)].map(
    (m) => m[1],
  );
  if (!entry) throw new Error(`${join(dist, "index.html")} starts no module script`);
  return { entry, preloads };
}

const sizeCache = new Map();
/** Size of a built file as served and gzipped (level 9), by its path inside dist/. */
function fileSize(dist, path) {
  const file = join(dist, path);
  const cached = sizeCache.get(file);
  if (cached) return cached;
  if (!existsSync(file) || !statSync(file).isFile()) return { bytes: 0, gzip: 0 };
  const bytes = readFileSync(file);
  const size = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  sizeCache.set(file, size);
  return size;
}

/**
 * Whether a build sets the app's own first-map mark (its map chunk names it). Such a build is timed
 * by that mark only: the outside rule (sources loaded at an idle) can fire before the picture is on
 * the screen — a build that prepares its first picture hidden reaches it earlier — and would leave
 * out the frame that shows it.
 */
const setsMark = new Map();
function buildSetsMark(dist) {
  if (!setsMark.has(dist)) setsMark.set(dist, readSetsMark(dist));
  return setsMark.get(dist);
}

/** Reads the build's chunks for the mark's name (once per build: see {@link buildSetsMark}). */
function readSetsMark(dist) {
  const assets = join(dist, "assets");
  if (!existsSync(assets)) return false;
  return readdirSync(assets)
    .filter((name) => name.endsWith(".js"))
    .some((name) => readFileSync(join(assets, name), "utf8").includes(FIRST_MAP_MARK));
}

async function oneLoad(browser, baseUrl, dist, expected) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(pageProbe, expected);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("requestfinished", (request) => requests.push(request));
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(baseUrl);
    const which = await page
      .waitForFunction(
        ([mark, outside]) => {
          if (document.querySelector("[data-map-error]")) return "map-error";
          if (performance.getEntriesByName(mark).length > 0) return mark;
          return performance.getEntriesByName(outside).length > 0 ? outside : false;
        },
        buildSetsMark(dist) ? [FIRST_MAP_MARK, FIRST_MAP_MARK] : [FIRST_MAP_MARK, OUTSIDE_MARK],
        { timeout: LOAD_TIMEOUT_MS, polling: 50 },
      )
      .then((handle) => handle.jsonValue());
    if (which === "map-error") throw new Error("the app showed its map error state");
    const page_ = await page.evaluate((mark) => {
      const entry = performance.getEntriesByName(mark)[0];
      return {
        firstMap: entry.startTime,
        timeOrigin: performance.timeOrigin,
        tasks: window.__benchLongTasks ?? [],
        frames: window.__benchFrames ?? 0,
      };
    }, which);
    const before = page_.tasks.filter((t) => t.start < page_.firstMap);
    const longest = Math.max(0, ...before.map((t) => t.duration));
    const blocking = before.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    const drawnAt = page_.timeOrigin + page_.firstMap;
    const js = new Map();
    for (const request of requests) {
      const url = new URL(request.url());
      if (!/\.m?js$/.test(url.pathname)) continue;
      if (request.timing().startTime > drawnAt) continue;
      const path = decodeURIComponent(new URL(url.pathname, "http://x/").pathname).slice(1);
      js.set(path, fileSize(dist, path));
    }
    const jsBytes = [...js.values()].reduce((sum, s) => sum + s.bytes, 0);
    const jsGzip = [...js.values()].reduce((sum, s) => sum + s.gzip, 0);
    return {
      mark: which,
      firstMapMs: page_.firstMap,
      longestTaskMs: longest,
      blockingMs: blocking,
      longTasks: before.length,
      frames: page_.frames,
      jsBytes,
      jsGzip,
      jsFiles: [...js.keys()].sort(),
      errors,
    };
  } finally {
    await context.close();
  }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1] };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value) => `${Math.round(value)} ms`;

/** Serves one build with `vite preview` on a free loopback port. */
async function serve(dist) {
  const { preview } = await import("vite");
  const server = await preview({
    root,
    build: { outDir: dist },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    logLevel: "error",
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview bound no TCP port");
  return { server, baseUrl: `http://127.0.0.1:${address.port}/` };
}

function report(target, runs) {
  const { dist, loads, label } = target;
  const { entry, preloads } = entryChunks(dist);
  const main = fileSize(dist, entry);
  const row = (name, values, format, goal) => {
    const s = stats(values);
    const verdict = goal === undefined ? "" : s.median <= goal ? "  ok" : "  OVER";
    const goalText = goal === undefined ? "" : `goal ≤ ${format(goal)}`;
    return `${name.padEnd(22)} ${format(s.median).padStart(10)} ${format(s.min).padStart(10)} ${format(s.max).padStart(10)}   ${goalText}${verdict}`;
  };
  const within = (value, goal) => (value <= goal ? "ok" : "OVER");
  const lines = [
    `${label}: ${runs} loads, a fresh context each (${relative(root, dist) || "."})`,
    `${"".padEnd(22)} ${"median".padStart(10)} ${"min".padStart(10)} ${"max".padStart(10)}`,
    row(
      "first drawn map",
      loads.map((l) => l.firstMapMs),
      ms,
      GOALS.firstMapMs,
    ),
    row(
      "longest task",
      loads.map((l) => l.longestTaskMs),
      ms,
      GOALS.longestTaskMs,
    ),
    row(
      "total blocking time",
      loads.map((l) => l.blockingMs),
      ms,
    ),
    row(
      "long tasks",
      loads.map((l) => l.longTasks),
      String,
    ),
    row(
      "map frames before it",
      loads.map((l) => l.frames),
      String,
    ),
    row(
      "JS before first draw",
      loads.map((l) => l.jsBytes),
      kB,
    ),
    row(
      "  gzip",
      loads.map((l) => l.jsGzip),
      kB,
    ),
    `main chunk ${entry}: ${kB(main.bytes)} (goal ≤ ${kB(GOALS.mainBytes)} ${within(main.bytes, GOALS.mainBytes)}), gzip ${kB(main.gzip)} (goal ≤ ${kB(GOALS.mainGzipBytes)} ${within(main.gzip, GOALS.mainGzipBytes)})`,
    `preloaded with it: ${preloads.length === 0 ? "none" : preloads.map((p) => `${p} ${kB(fileSize(dist, p).bytes)}`).join(", ")}`,
    `JS before first draw (load 1): ${loads[0].jsFiles.map((p) => `${p} ${kB(fileSize(dist, p).bytes)}`).join(", ")}`,
  ];
  if (loads.some((l) => l.mark === OUTSIDE_MARK)) {
    lines.push(
      `first drawn map timed from outside (the build sets no ${FIRST_MAP_MARK} mark): the district source and the ${target.expected.length} layers visible by default loaded at an idle`,
    );
  }
  return lines;
}

/**
 * This build against the baseline, load by load (each pair loaded in turn): what the medians
 * above cannot tell apart on a machine whose speed drifts.
 */
function pairedLines(these, baseline) {
  const lines = ["this build − baseline, paired by load (loaded in turn):"];
  for (const [name, key] of [
    ["first drawn map", "firstMapMs"],
    ["longest task", "longestTaskMs"],
    ["total blocking time", "blockingMs"],
  ]) {
    const difference = pairedDifference(
      these.map((load) => load[key]),
      baseline.map((load) => load[key]),
    );
    if (difference) lines.push(`  ${name.padEnd(22)} ${formatPairedDifference(difference)}`);
  }
  return lines;
}

async function main() {
  const { values: opts } = scriptArgs(import.meta.url, {
    runs: { type: "string", default: "5" },
    "no-build": { type: "boolean", default: false },
    dist: { type: "string" },
    baseline: { type: "string" },
    json: { type: "string" },
  });
  const runs = Math.max(1, Number(opts.runs) || 5);
  const dist = resolve(root, opts.dist ?? "dist");
  if (!opts.dist && !opts["no-build"]) {
    log("npm run build (the data step first if its output is stale) …");
    const built = spawnSync("npm", ["run", "build", "--silent"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (built.status !== 0) throw new Error(`npm run build failed (${built.status})`);
  }
  // A baseline (another commit's build) is loaded in turn with this one, so both see the same
  // load from whatever else the machine runs.
  const targets = [{ label: "this build", dist }];
  if (opts.baseline) targets.push({ label: "baseline", dist: resolve(root, opts.baseline) });
  for (const target of targets) {
    if (!existsSync(join(target.dist, "index.html")))
      throw new Error(`${target.dist} holds no built app`);
    target.expected = defaultVisibleLayers(target.dist);
    target.loads = [];
  }

  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const loadBefore = loadavg()[0];
  try {
    for (const target of targets) Object.assign(target, await serve(target.dist));
    for (let i = 0; i < runs; i++) {
      for (const target of targets) {
        const load = await oneLoad(browser, target.baseUrl, target.dist, target.expected);
        log(
          `${target.label}, load ${i + 1}/${runs}: first map ${ms(load.firstMapMs)}, longest task ${ms(load.longestTaskMs)}, ` +
            `TBT ${ms(load.blockingMs)}, ${load.frames} map frames, JS ${kB(load.jsBytes)} (gzip ${kB(load.jsGzip)})` +
            (load.mark === OUTSIDE_MARK ? " [timed from outside: no first-map mark]" : ""),
        );
        for (const error of load.errors) log(`  page error: ${error}`);
        target.loads.push(load);
      }
    }
  } finally {
    await browser.close();
    for (const target of targets) await target.server?.close();
  }
  const lines = targets.flatMap((target) => [...report(target, runs), ""]);
  if (targets.length === 2) lines.push(...pairedLines(targets[0].loads, targets[1].loads), "");
  lines.push(
    `machine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (the goals hold for an otherwise idle machine)`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  if (opts.json) {
    const json = targets.map(({ label, dist: d, loads }) => ({ label, dist: d, loads }));
    writeFileSync(opts.json, `${JSON.stringify({ goals: GOALS, targets: json }, null, 2)}\n`);
  }
}

await main();
