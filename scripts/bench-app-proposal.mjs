#!/usr/bin/env node
// `npm run bench -- --app-proposal` (or this script alone): the proposal-load line in Chromium.
// Builds the app, serves it with `vite preview`, opens it in headless Chromium (SwiftShader) and
// loads the generated 100 000-zone proposal (scripts/bench-proposal.mjs makes it, ~26 MB) through
// the real picker: report shown, "load the valid features", drawn on the map, checked. Prints the
// longest main-thread task and the total blocking time (sum of each long task's time over 50 ms)
// from the file chosen to the check's results listed (and a second after), the times to "report
// shown", "drawn", "checked" and "listed" (the findings list and its headline area shown),
// and the peak JS heap of the page (and Chromium's peak RSS, workers included) — side by side with
// a bare `JSON.parse` of the same file in the same page. Numbers to read, not assertions.
//
//   node scripts/bench-app-proposal.mjs [--zones 100000] [--crs wgs84|vn2000] [--runs 1]
//                                       [--dist DIR (an app already built there: no build)]
//                                       [--trace FILE (a Chromium performance trace of the load)]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { proposalFiles } from "./bench-proposal.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { gpuDrawnAt, installWhenGpuDrawn } from "./gpu-drawn.mjs";
import { scriptArgs } from "./script-args.mjs";
import { mainThreadTasks, readTrace } from "./trace-long-tasks.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => process.stderr.write(`[bench:app-proposal] ${line}\n`);
const PROPOSAL_SOURCE = "plan:proposal:city-plan-zones";
/** A task longer than this blocks input (the Long Tasks API's threshold; TBT counts what is over). */
const LONG_TASK_MS = 50;
/** The trace's mark of the load's start (a console.timeStamp). */
const LOAD_STAMP = "bench:proposal-load";
/** Script tasks at least this long are listed one by one (the issue's bound on a main-thread task). */
const LIST_TASK_MS = 100;

/** Trace time (µs) of the load's start mark, or -Infinity when it is not in the trace. */
function loadStart({ events, onMain }) {
  const mark = events.find(
    (e) => onMain(e) && e.name === "TimeStamp" && e.args?.data?.message === LOAD_STAMP,
  );
  return mark ? mark.ts : Number.NEGATIVE_INFINITY;
}

/**
 * Instruments the page before any of its scripts: every long task of the main thread (Long Tasks
 * API) and the JS heap sampled every 50 ms (a long task delays a sample: the heap at its end
 * is still seen).
 */
function instrument() {
  const bench = { tasks: [], heapPeak: 0, marks: {} };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  const sample = () => {
    const used = performance.memory?.usedJSHeapSize ?? 0;
    if (used > bench.heapPeak) bench.heapPeak = used;
  };
  setInterval(sample, 50);
  bench.sample = sample;
  // the check's cancel button is there while a check runs: when it first came and when it went
  new MutationObserver(() => {
    if (!bench.watchCheck) return;
    const running = document.querySelector('[data-testid="check-cancel"]') !== null;
    if (running && bench.marks.checkStarted === undefined)
      bench.marks.checkStarted = performance.now();
    if (!running && bench.marks.checkStarted !== undefined && bench.marks.checked === undefined)
      bench.marks.checked = performance.now();
  }).observe(document, { subtree: true, childList: true });
}

/**
 * Peak RSS of the Chromium processes this script started (browser, renderer, GPU, utility),
 * summed, sampled from /proc: this process's descendants whose command is Chromium's.
 */
function rssSampler(rootPid) {
  let peak = 0;
  const children = new Map();
  const sample = () => {
    children.clear();
    let total = 0;
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(Number(name), ppid);
      } catch {
        // gone meanwhile
      }
    }
    const inTree = (pid) => {
      for (let p = pid, hops = 0; p > 1 && hops < 20; p = children.get(p) ?? 0, hops++)
        if (p === rootPid) return true;
      return false;
    };
    for (const pid of children.keys()) {
      if (pid === rootPid || !inTree(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chrom")) continue;
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        // gone meanwhile
      }
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 200);
  return {
    reset() {
      peak = 0;
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
    get peak() {
      return peak;
    },
  };
}

/** Longest task and total blocking time of the tasks in [from, to]. */
function blocking(tasks, from, to) {
  const inside = tasks.filter(([start, duration]) => start + duration >= from && start <= to);
  const longest = inside.reduce((max, [, d]) => Math.max(max, d), 0);
  const tbt = inside.reduce((sum, [, d]) => sum + Math.max(0, d - LONG_TASK_MS), 0);
  return { longest, tbt, count: inside.length, tasks: inside.map(([s, d]) => [s - from, d]) };
}

/** A bare JSON.parse of the file in the page: the file's text read, then parsed, timed apart. */
async function bareParse(page, file) {
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "bench-file";
    input.style.display = "none";
    document.body.append(input);
  });
  await page.setInputFiles("#bench-file", file);
  return page.evaluate(async (longTask) => {
    const bench = window.__bench;
    const input = document.getElementById("bench-file");
    const text = await input.files[0].text();
    bench.sample();
    const heapBefore = performance.memory.usedJSHeapSize;
    bench.heapPeak = heapBefore;
    const start = performance.now();
    const value = JSON.parse(text);
    const parseMs = performance.now() - start;
    bench.sample();
    const heapWith = performance.memory.usedJSHeapSize;
    const features = value.features.length;
    input.remove();
    // a frame, so the long task of the parse has been reported
    await new Promise((done) => setTimeout(done, 100));
    const tasks = bench.tasks.filter(([s, d]) => s + d >= start);
    return {
      parseMs,
      features,
      heapPeak: Math.max(heapWith, bench.heapPeak),
      heapGrowth: heapWith - heapBefore,
      longest: tasks.reduce((max, [, d]) => Math.max(max, d), 0),
      tbt: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - longTask), 0),
    };
  }, LONG_TASK_MS);
}

/** Loads the file through the picker and follows it to the check's results. */
/** When (the page's ms) an element matching `selector` is first there, looked for each frame. */
async function timeWhenShown(page, selector) {
  const shown = await page.waitForFunction(
    (s) => document.querySelector(s) && performance.now(),
    selector,
    { timeout: 600_000, polling: "raf" },
  );
  return shown.jsonValue();
}

async function appLoad(page, file, cdp, rss) {
  await cdp.send("HeapProfiler.collectGarbage");
  const t0 = await page.evaluate((stamp) => {
    const bench = window.__bench;
    // where the load starts in the trace: the forced collection above and the CPU profiler's
    // start (a task of a few hundred ms with --trace) are the bench's own, not the page's
    console.timeStamp(stamp);
    bench.tasks = [];
    bench.marks = {};
    bench.sample();
    bench.heapStart = performance.memory.usedJSHeapSize;
    bench.heapPeak = bench.heapStart;
    return performance.now();
  }, LOAD_STAMP);
  rss.reset();
  await page.getByTestId("import-input").setInputFiles(file);
  const tReport = await timeWhenShown(page, '[data-testid="import-dialog"][data-status="review"]');
  const valid = await page.getByTestId("import-summary").getAttribute("data-valid");
  const tClick = await page.evaluate(() => {
    window.__bench.watchCheck = true;
    const at = performance.now();
    document.querySelector('[data-testid="import-load"]').click();
    return at;
  });
  const drawn = await page.waitForFunction(
    (id) => {
      const map = window.__planLayersMap;
      return (
        map?.getSource(id) &&
        map.isSourceLoaded(id) &&
        map.areTilesLoaded() &&
        !map.isMoving() &&
        performance.now()
      );
    },
    PROPOSAL_SOURCE,
    { timeout: 600_000, polling: "raf" },
  );
  await drawn.jsonValue();
  // the frame is on the screen once the GPU has drawn it (GPU compositing; scripts/gpu-drawn.mjs)
  const tDrawn = await gpuDrawnAt(page);
  await page.waitForFunction(() => window.__bench.marks.checked !== undefined, null, {
    timeout: 600_000,
  });
  // the findings listed: the list prepared and its headline area worked out (the steps that
  // follow the check's end; before, the window could close before them)
  const tListed = await timeWhenShown(page, '[data-testid="headline-area"][data-state="done"]');
  // a second of quiet after, so what the results' drawing costs is seen too
  await page.waitForTimeout(1000);
  const bench = await page.evaluate(() => {
    const b = window.__bench;
    b.sample();
    return { tasks: b.tasks, marks: b.marks, heapPeak: b.heapPeak, heapStart: b.heapStart };
  });
  const end = Math.max(bench.marks.checked, tListed) + 1000;
  return {
    valid: Number(valid),
    reportMs: tReport - t0,
    drawnMs: tDrawn - tClick,
    checkStartedMs: bench.marks.checkStarted - tClick,
    checkedMs: bench.marks.checked - tClick,
    listedMs: tListed - tClick,
    ...blocking(bench.tasks, t0, end),
    beforeClick: blocking(bench.tasks, t0, tClick),
    afterClick: blocking(bench.tasks, tClick, end),
    heapPeak: bench.heapPeak,
    heapGrowth: bench.heapPeak - bench.heapStart,
    rssPeak: rss.peak,
  };
}

/** Opens the app, runs the city plan's check once (so the load's check is a re-run), measures. */
async function measure(baseUrl, file, tracePath) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info", "--js-flags=--expose-gc"],
  });
  const rss = rssSampler(process.pid);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await installWhenGpuDrawn(page);
    await page.addInitScript(instrument);
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 120_000 });
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 120_000 });
    await page.getByTestId("check-run").click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="check-summary"]') &&
        !document.querySelector('[data-testid="check-cancel"]'),
      null,
      { timeout: 120_000 },
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const parse = await bareParse(page, file);
    await cdp.send("HeapProfiler.collectGarbage");
    // always a trace of the load, to tell drawing (the compositor's commit) from script; with
    // --trace the V8 CPU profile too, for scripts/trace-long-tasks.mjs
    const path = tracePath ?? join(tmpdir(), `plan-layers-bench-trace-${process.pid}.json`);
    await browser.startTracing(page, {
      path,
      screenshots: false,
      categories: [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        ...(tracePath ? ["v8.execute", "disabled-by-default-v8.cpu_profiler"] : []),
      ],
    });
    await page.waitForTimeout(1000);
    const load = await appLoad(page, file, cdp, rss);
    await browser.stopTracing();
    // the profiler starts a little after the trace: a second of quiet first, so its task is
    // over before the load's mark
    const trace = readTrace(path);
    const from = loadStart(trace);
    const tasks = mainThreadTasks(trace, LONG_TASK_MS).filter((t) => t.ts >= from);
    if (!tracePath) rmSync(path, { force: true });
    // a task mostly waiting for the compositor to take a frame: WebGL drawing (SwiftShader)
    const drawing = tasks.filter((t) => t.commitMs >= t.ms / 2);
    const script = tasks.filter((t) => t.commitMs < t.ms / 2);
    const sum = (list) => list.reduce((total, t) => total + Math.max(0, t.ms - LONG_TASK_MS), 0);
    const longest = (list) => list.reduce((max, t) => Math.max(max, t.ms), 0);
    load.split = {
      script: {
        longest: longest(script),
        tbt: sum(script),
        count: script.length,
        // ms from the load's start, and length
        over: script.filter((t) => t.ms >= LIST_TASK_MS).map((t) => [(t.ts - from) / 1000, t.ms]),
      },
      drawing: { longest: longest(drawing), tbt: sum(drawing), count: drawing.length },
    };
    return { parse, load };
  } finally {
    rss.stop();
    await browser.close();
  }
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
const ms = (x) =>
  x === undefined || Number.isNaN(x) ? "–" : Math.round(x).toLocaleString("en-US");

/**
 * Builds (unless `dist` is given), serves and measures `runs` loads of the generated proposal.
 *
 * @returns the table lines and the measured rows
 */
export async function benchAppProposal({
  zones = 100_000,
  crs = "wgs84",
  runs = 1,
  dist = null,
  trace = null,
} = {}) {
  const { files } = await proposalFiles({ zones });
  const file = crs === "vn2000" ? files[1] : files[0];
  let outDir = dist;
  if (!outDir) {
    log("vite build …");
    const built = spawnSync(
      process.execPath,
      [join(root, "node_modules/vite/bin/vite.js"), "build"],
      {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 1 << 26,
      },
    );
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stderr}`);
    outDir = join(root, "dist");
  }
  const server = await preview({
    root,
    build: { outDir: resolve(outDir) },
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
    logLevel: "error",
  });
  const address = server.httpServer.address();
  const baseUrl = `http://127.0.0.1:${address.port}/`;
  const rows = [];
  try {
    for (let i = 0; i < runs; i++) {
      log(`${file.split("/").pop()}: run ${i + 1}/${runs} …`);
      rows.push(await measure(baseUrl, file, i === 0 ? trace : null));
    }
  } finally {
    await server.close();
  }
  const lines = [
    `Proposal load in the app (Chromium, headless, SwiftShader; ${file.split("/").pop()}, ${mb(readFileSync(file).length)} MB): main thread from the file chosen to the check's results, against a bare JSON.parse of the same file in the page`,
    "",
    "| run | JSON.parse: ms / longest task / heap + | load: longest task / TBT ms (before · after “load”) | of which script: longest / TBT ms | of which drawing (commit): longest / TBT ms | report shown ms | drawn ms (after “load”) | checked ms (after “load”) | listed ms (after “load”) | peak JS heap MB (+ during load) | Chromium peak RSS MB |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ parse, load }, i) =>
        `| ${i + 1} | ${ms(parse.parseMs)} / ${ms(parse.longest)} / ${mb(parse.heapGrowth)} MB | ${ms(load.longest)} / ${ms(load.tbt)} (${ms(load.beforeClick.longest)} / ${ms(load.beforeClick.tbt)} · ${ms(load.afterClick.longest)} / ${ms(load.afterClick.tbt)}) | ${ms(load.split.script.longest)} / ${ms(load.split.script.tbt)} | ${ms(load.split.drawing.longest)} / ${ms(load.split.drawing.tbt)} | ${ms(load.reportMs)} | ${ms(load.drawnMs)} | ${ms(load.checkedMs)} | ${ms(load.listedMs)} | ${mb(load.heapPeak)} (+${mb(load.heapGrowth)}) | ${mb(load.rssPeak)} |`,
    ),
    "",
    ...rows.map(
      ({ load }, i) =>
        `Run ${i + 1}, script tasks of ${LIST_TASK_MS} ms and more (at ms from the file chosen: length): ${load.split.script.over.map(([at, d]) => `${ms(at)}: ${ms(d)}`).join(", ") || "none"}`,
    ),
    "",
    'Drawing: tasks spent mostly in the compositor\'s commit. With software compositing the page waits there for SwiftShader to draw its WebGL frame; with GPU compositing (scripts/chromium.mjs) the GPU process draws it beside the page, and "drawn" is when it has.',
  ];
  return { lines, rows };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = scriptArgs(import.meta.url, {
    zones: { type: "string", default: "100000" },
    crs: { type: "string", default: "wgs84" },
    runs: { type: "string", default: "1" },
    dist: { type: "string" },
    trace: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const { lines, rows } = await benchAppProposal({
    zones: Number(values.zones),
    crs: values.crs,
    runs: Math.max(1, Number(values.runs)),
    dist: values.dist ?? null,
    trace: values.trace ?? null,
  });
  console.log(lines.join("\n"));
  if (values.json) console.log(JSON.stringify(rows, null, 1));
}
