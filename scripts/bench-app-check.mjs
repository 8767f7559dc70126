#!/usr/bin/env node
// `npm run bench -- --app-check` (or this script alone): issue 8's "fast enough to use while
// talking". Builds the app (`vite build`), serves it with `vite preview`, opens it in headless
// Chromium (scripts/chromium.mjs, as the browser tests) and runs the check of the shipped catalogue
// through the real "run" button; prints click → findings listed and drawn (median, min, max), the
// longest main-thread task and the total blocking time during the check, and the time to regroup
// (and filter, where the panel has a filter) the findings panel on the shipped findings and on
// about 3 000 findings (a dense rice land grid, as the browser tests' many-findings case). Beside
// them, the command line's time for the same catalogue in the same run. Measured times and
// ratios, not assertions: not part of npm test.
//
//   node scripts/bench-app-check.mjs [--runs 5] [--no-build] [--cell 0.0105]
//                                    [--at-once 3 (fresh pages, each clicked as soon as it can be)]
//                                    [--dist DIR (serve another build of the app, e.g. to compare)]
//                                    [--trace FILE (a Chromium performance trace of the first run,
//                                     with the V8 CPU profile: read it with scripts/trace-long-tasks.mjs)]
//                                    [--trace-dense FILE (the same of the dense case's run)]
//                                    [--trace-at-once FILE (the same of the first click at once,
//                                     from the page's opening)]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { denseRiceLand } from "./dense-rice-land.mjs";
import { installWhenGpuDrawn } from "./gpu-drawn.mjs";
import { scriptArgs } from "./script-args.mjs";
import { timedCheck } from "./timed-check.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => process.stderr.write(`[bench app-check] ${line}\n`);

/** A filter control of the findings panel the benchmark toggles, when the panel has one. */
export const FILTER_SELECTOR = '[data-testid="triage-severity-error"]';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x) => (x === null ? null : Math.round(x));
const stats = (xs) => ({
  median: round(median(xs)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
});

/** Runs `vite build` into dist/ (the app the browser tests open). */
function buildApp() {
  const vite = join(root, "node_modules", ".bin", "vite");
  const r = spawnSync(vite, ["build", "--logLevel", "error"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stderr}`);
}

/** The command line's check of the same catalogue: one warm-up, then `runs` timed runs. */
function cliRuns(runs) {
  const dir = mkdtempSync(join(tmpdir(), "bench-app-check-"));
  try {
    const once = () =>
      timedCheck([
        "--catalog",
        join(root, "layers", "catalog.json"),
        "--format",
        "json",
        "--out",
        join(dir, "findings.json"),
      ]);
    once();
    const all = Array.from({ length: runs }, once);
    return {
      check_ms: round(median(all.map((r) => r.check_ms))),
      total_ms: round(median(all.map((r) => r.total_ms))),
      wall_ms: round(median(all.map((r) => r.wall_ms))),
      findings: all[0].findings ?? null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs in the page before the app: records every main-thread task over 50 ms (Long Tasks API), and
 * the check's timeline: the click on "run" (its event time), the findings listed (summary and rows
 * in the DOM) and drawn (the map's first `idle` after the findings source took new data, once the
 * GPU has drawn that frame).
 */
function pageProbe() {
  const bench = {
    longTasks: [],
    run: null,
    arm() {
      const run = {
        click: null,
        listed: null,
        loaded: null,
        drawing: false,
        drawn: null,
        sawRunning: false,
      };
      bench.run = run;
      return run;
    },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  document.addEventListener(
    "click",
    (event) => {
      const run = bench.run;
      const target = event.target instanceof Element ? event.target : null;
      if (run && run.click === null && target?.closest('[data-testid="check-run"]'))
        run.click = event.timeStamp;
    },
    { capture: true },
  );
  const listed = () => {
    const run = bench.run;
    if (!run || run.click === null || run.listed !== null) return;
    if (document.querySelector('[data-testid="check-cancel"]')) {
      run.sawRunning = true;
      return;
    }
    if (
      run.sawRunning &&
      document.querySelector('[data-testid="check-summary"]') &&
      document.querySelector('[data-testid="check-results"] [data-index]')
    )
      run.listed = performance.now();
  };
  new MutationObserver(listed).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
  });
  const hookMap = () => {
    const map = window.__planLayersMap;
    if (!map) return requestAnimationFrame(hookMap);
    map.on("data", (event) => {
      const run = bench.run;
      if (
        run?.click !== null &&
        run?.loaded === null &&
        event.sourceId === "check:findings" &&
        event.dataType === "source" &&
        event.sourceDataType === "content"
      )
        run.loaded = performance.now();
    });
    map.on("idle", () => {
      const run = bench.run;
      if (!run || run.loaded === null || run.drawn !== null || run.drawing) return;
      // the frame is on the screen once the GPU has drawn it (scripts/gpu-drawn.mjs)
      run.drawing = true;
      setTimeout(() => window.__whenGpuDrawn((at) => (run.drawn = at)), 0);
    });
  };
  hookMap();
}

/** Waits until the page has had no task over 50 ms for `quietMs` (at most `maxMs`). */
async function settle(page, quietMs = 1000, maxMs = 15_000) {
  await page.evaluate(
    async ({ quietMs, maxMs }) => {
      const start = performance.now();
      const last = () => {
        const tasks = window.__bench.longTasks;
        const t = tasks[tasks.length - 1];
        return t ? t.start + t.duration : 0;
      };
      while (performance.now() - start < maxMs && performance.now() - last() < quietMs)
        await new Promise((done) => setTimeout(done, 100));
    },
    { quietMs, maxMs },
  );
}

/**
 * Opens the app on the check tab, the run button enabled; then, unless `atOnce`, waits as a user
 * reading the panel would, until the page is quiet.
 */
async function openCheck(page, baseUrl, { atOnce = false } = {}) {
  await page.goto(baseUrl);
  await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 60_000 });
  await page.getByTestId("tab-check").click();
  await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 60_000 });
  if (!atOnce) await settle(page, 2000);
}

/** One check through the real button: its timeline and the long tasks from click to drawn. */
async function timedRun(page) {
  await page.evaluate(() => window.__bench.arm());
  await page.getByTestId("check-run").click();
  await page.waitForFunction(
    () => {
      const run = window.__bench.run;
      return run.listed !== null && run.drawn !== null;
    },
    null,
    { timeout: 60_000, polling: 50 },
  );
  const run = await page.evaluate(() => {
    const run = window.__bench.run;
    const end = Math.max(run.listed, run.drawn);
    const tasks = window.__bench.longTasks.filter(
      (t) => t.start + t.duration > run.click && t.start < end,
    );
    const findings = Number(
      document.querySelector('[data-testid="check-summary"]')?.getAttribute("data-findings"),
    );
    return { ...run, end, tasks, findings };
  });
  await settle(page);
  return {
    findings: run.findings,
    listed_ms: run.listed - run.click,
    drawn_ms: run.drawn - run.click,
    shown_ms: run.end - run.click,
    longest_task_ms: Math.max(0, ...run.tasks.map((t) => t.duration)),
    blocking_ms: run.tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    tasks: run.tasks.map((t) => Math.round(t.duration)),
  };
}

/**
 * What one redraw of the map costs here, nothing changed (medians of `times`, ms): `drawn`, from
 * asking for it to the GPU having drawn it (software WebGL here: the floor of any drawing), and
 * `page`, the longest main-thread task around it (what of it blocks input).
 */
async function repaintCost(page, times = 5) {
  const costs = [];
  for (let i = 0; i < times; i++) {
    costs.push(
      await page.evaluate(async () => {
        const map = window.__planLayersMap;
        const before = window.__bench.longTasks.length;
        const start = performance.now();
        const rendered = new Promise((done) => map.once("render", done));
        map.triggerRepaint();
        await rendered;
        const drawn = await new Promise((done) => setTimeout(() => window.__whenGpuDrawn(done), 0));
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)));
        const tasks = window.__bench.longTasks.slice(before).filter((t) => t.start >= start - 1);
        return { drawn: drawn - start, page: Math.max(0, ...tasks.map((t) => t.duration)) };
      }),
    );
    await page.waitForTimeout(300);
  }
  return {
    drawn: round(median(costs.map((c) => c.drawn))),
    page: round(median(costs.map((c) => c.page))),
  };
}

/**
 * Time of one interaction with the findings panel, from the input event to the frame after the
 * panel updated: regrouping (the group-by select) or toggling the filter control.
 */
function timedPanelAction(page, action) {
  return page.evaluate(
    async ({ action, filterSelector }) => {
      const start = performance.now();
      if (action === "filter") {
        const control = document.querySelector(filterSelector);
        if (!control) return null;
        control.click();
      } else {
        const select = document.querySelector('[data-testid="check-group-by"]');
        if (!select) throw new Error("no group-by select");
        // React tracks the value it set; go through the prototype setter so it sees the change.
        const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
        set?.call(select, action);
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - start;
    },
    { action, filterSelector: FILTER_SELECTOR },
  );
}

/** Regroups by district and back by rule, and toggles the filter on and off, `times` times. */
async function panelTimes(page, times = 5) {
  const regroup = [];
  const filter = [];
  for (let i = 0; i < times; i++) {
    regroup.push(await timedPanelAction(page, "district"));
    regroup.push(await timedPanelAction(page, "rule"));
    const on = await timedPanelAction(page, "filter");
    if (on !== null) filter.push(on, await timedPanelAction(page, "filter"));
  }
  return {
    regroup: stats(regroup),
    filter: filter.length > 0 ? stats(filter) : null,
  };
}

/**
 * The whole measurement: app check runs on the shipped catalogue, panel times there and on the
 * dense case, and the command line's time; its JSON result and the markdown lines that report it.
 */
export async function benchAppCheck({
  runs = 5,
  atOnceRuns = 3,
  build = true,
  cell = 0.0105,
  dist = null,
  trace = null,
  traceDense = null,
  traceAtOnce = null,
} = {}) {
  if (build && !dist) {
    log("vite build …");
    buildApp();
  }
  log(`npm run check on layers/catalog.json × ${runs} (+1 warm-up) …`);
  const cli = cliRuns(runs);
  const { preview } = await import("vite");
  const server = await preview({
    root,
    ...(dist ? { build: { outDir: resolve(dist) } } : {}),
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
    logLevel: "error",
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview bound no TCP port");
  const baseUrl = `http://127.0.0.1:${address.port}/`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await installWhenGpuDrawn(context);
    await context.addInitScript(pageProbe);
    const page = await context.newPage();
    log("app: opening the check panel …");
    await openCheck(page, baseUrl);
    const repaint = await repaintCost(page);
    const app = [];
    for (let i = 0; i < runs; i++) {
      if (i === 0 && trace) await startTrace(browser, page, trace);
      const run = await timedRun(page);
      if (i === 0 && trace) await browser.stopTracing();
      log(`app run ${i + 1}: ${JSON.stringify(run)}`);
      app.push(run);
    }
    const shippedPanel = await panelTimes(page);
    await page.close();

    // one fresh page per run: the click lands among the first picture's follow-up work
    const atOnce = [];
    for (let i = 0; i < atOnceRuns; i++) {
      log(`app: a click as soon as the run button is enabled (${i + 1}/${atOnceRuns}) …`);
      const hasty = await context.newPage();
      const traced = i === 0 && traceAtOnce;
      if (traced) await startTrace(browser, hasty, traceAtOnce, { blank: true });
      await openCheck(hasty, baseUrl, { atOnce: true });
      const run = await timedRun(hasty);
      if (traced) await browser.stopTracing();
      log(`app run at once: ${JSON.stringify(run)}`);
      atOnce.push(run);
      await hasty.close();
    }

    log(`app: ~3 000 findings (rice land as a ${cell}° grid) …`);
    const dense = await context.newPage();
    const rice = denseRiceLand(cell);
    await dense.route("**/layers/national/protected-rice-land.geojson", (route) =>
      route.fulfill({ json: rice }),
    );
    await openCheck(dense, baseUrl);
    await dense.getByRole("button", { name: "Bỏ chọn" }).click();
    await dense.getByTestId("check-rule-urban-on-protected-rice-land").check();
    if (traceDense) await startTrace(browser, dense, traceDense);
    const denseRun = await timedRun(dense);
    if (traceDense) await browser.stopTracing();
    log(`dense run: ${JSON.stringify(denseRun)}`);
    const densePanel = await panelTimes(dense);
    const result = {
      runs,
      cli,
      app: {
        findings: app[0]?.findings ?? null,
        shown_ms: stats(app.map((r) => r.shown_ms)),
        listed_ms: stats(app.map((r) => r.listed_ms)),
        drawn_ms: stats(app.map((r) => r.drawn_ms)),
        longest_task_ms: round(Math.max(...app.map((r) => r.longest_task_ms))),
        blocking_ms: stats(app.map((r) => r.blocking_ms)),
        runs: app,
        panel: shippedPanel,
        at_once: {
          shown_ms: stats(atOnce.map((r) => r.shown_ms)),
          listed_ms: stats(atOnce.map((r) => r.listed_ms)),
          longest_task_ms: stats(atOnce.map((r) => r.longest_task_ms)),
          blocking_ms: stats(atOnce.map((r) => r.blocking_ms)),
          runs: atOnce,
        },
        repaint_ms: repaint,
      },
      dense: { ...denseRun, panel: densePanel },
    };
    return { result, lines: reportLines(result) };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Starts a performance trace of `page` into `file`, with the V8 CPU profile, and lets it settle. */
async function startTrace(browser, page, file, { blank = false } = {}) {
  await browser.startTracing(page, {
    path: resolve(file),
    screenshots: false,
    categories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      "v8.execute",
      "blink.user_timing",
      "disabled-by-default-v8.cpu_profiler",
    ],
  });
  // starting the CPU profiler stops the page for a second or two: not part of the run (a blank
  // page, before the app is opened on it, has no probe to tell when it is over)
  if (blank) await page.waitForTimeout(2000);
  else await settle(page);
}

function reportLines(r) {
  const { app, cli, dense } = r;
  const range = (s) => (s ? `${s.median} ms (min ${s.min}, max ${s.max})` : "–");
  const pass = (ok) => (ok ? "PASS" : "MISS");
  const filterLine = (panel) =>
    panel.filter
      ? range(panel.filter)
      : `not measured (the panel has no filter control ${FILTER_SELECTOR})`;
  return [
    `In-app check of the shipped catalogue (headless Chromium, built app, ${r.runs} runs through the "run" button)`,
    "",
    "| | median | min | max |",
    "|---|---|---|---|",
    `| click → findings listed and drawn | ${app.shown_ms.median} | ${app.shown_ms.min} | ${app.shown_ms.max} |`,
    `| click → listed | ${app.listed_ms.median} | ${app.listed_ms.min} | ${app.listed_ms.max} |`,
    `| click → drawn (map idle, GPU done) | ${app.drawn_ms.median} | ${app.drawn_ms.min} | ${app.drawn_ms.max} |`,
    `| total blocking time during the check | ${app.blocking_ms.median} | ${app.blocking_ms.min} | ${app.blocking_ms.max} |`,
    "",
    `- ${app.findings} findings; longest main-thread task during a check ${app.longest_task_ms} ms; the first run is a click after the panel has been open and quiet for 2 s`,
    `- one redraw of the map with nothing changed is drawn in ${app.repaint_ms.drawn} ms here (software WebGL: the floor of any drawing), blocking the page ${app.repaint_ms.page} ms (a task over 50 ms counts as long)`,
    `- a click as soon as the run button is enabled (${app.at_once.runs.length} fresh pages): listed and drawn in ${range(app.at_once.shown_ms)}; longest task ${range(app.at_once.longest_task_ms)} (each: ${app.at_once.runs.map((r) => Math.round(r.longest_task_ms)).join(", ")}); total blocking ${range(app.at_once.blocking_ms)}`,
    `- command line, same catalogue, same run: check phase ${cli.check_ms} ms, in process ${cli.total_ms} ms, wall ${cli.wall_ms} ms (app ÷ CLI wall: ${(app.shown_ms.median / cli.wall_ms).toFixed(2)}×, app ÷ CLI check phase: ${(app.shown_ms.median / cli.check_ms).toFixed(2)}×)`,
    `- findings panel, ${app.findings} findings: regroup ${range(app.panel.regroup)}; filter ${filterLine(app.panel)}`,
    `- findings panel, ${dense.findings} findings (dense rice land, one rule; checked in ${Math.round(dense.shown_ms)} ms, longest task ${Math.round(dense.longest_task_ms)} ms): regroup ${range(dense.panel.regroup)}; filter ${filterLine(dense.panel)}`,
    `- goals: checked in ≤ 500 ms: ${pass(app.shown_ms.median <= 500)} (median); no task over 100 ms during a check: ${pass(app.longest_task_ms <= 100)}; regroup/filter ${dense.findings} findings ≤ 50 ms: ${pass(dense.panel.regroup.median <= 50 && (!dense.panel.filter || dense.panel.filter.median <= 50))} (median)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = scriptArgs(import.meta.url, {
    runs: { type: "string", default: "5" },
    "at-once": { type: "string", default: "3" },
    "no-build": { type: "boolean", default: false },
    cell: { type: "string", default: "0.0105" },
    dist: { type: "string" },
    trace: { type: "string" },
    "trace-dense": { type: "string" },
    "trace-at-once": { type: "string" },
  });
  const { lines, result } = await benchAppCheck({
    runs: Math.max(1, Number(values.runs)),
    atOnceRuns: Math.max(1, Number(values["at-once"])),
    build: !values["no-build"],
    cell: Number(values.cell),
    dist: values.dist ?? null,
    trace: values.trace ?? null,
    traceDense: values["trace-dense"] ?? null,
    traceAtOnce: values["trace-at-once"] ?? null,
  });
  log(JSON.stringify(result));
  console.log(lines.join("\n"));
}
