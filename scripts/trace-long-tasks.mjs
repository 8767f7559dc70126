#!/usr/bin/env node
// What the long main-thread tasks of a Chromium performance trace spent their time on: for each
// task over --min ms (default 100) on the page's main thread, its length and the functions that
// took most of it (self time from the V8 CPU profile's samples, by function and script). Reads
// the trace `node scripts/bench-app-proposal.mjs --trace FILE` writes.
//
//   node scripts/trace-long-tasks.mjs FILE [--min 100] [--top 8]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, scriptArgs } from "./script-args.mjs";

/** The trace's events and the page's main thread (the CrRendererMain with the most task time). */
export function readTrace(file) {
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const names = new Map();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const taskTime = new Map();
  for (const e of events) {
    if (e.ph !== "X" || e.name !== "RunTask") continue;
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== "CrRendererMain") continue;
    taskTime.set(key, (taskTime.get(key) ?? 0) + (e.dur ?? 0));
  }
  const main = [...taskTime].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) throw new Error("no CrRendererMain tasks in the trace");
  const [pid, tid] = main.split(":").map(Number);
  return { events, pid, tid, onMain: (e) => e.pid === pid && e.tid === tid };
}

/**
 * The main thread's tasks of at least `minMs`, in order: start (ms from the first task of the
 * trace), length, and how much of it was the compositor's commit (the page waiting for the frame
 * it drew to be taken: under SwiftShader, WebGL drawing done on the CPU), in ms.
 */
export function mainThreadTasks({ events, onMain }, minMs = 50) {
  const tasks = events
    .filter(
      (e) => onMain(e) && e.ph === "X" && e.name === "RunTask" && (e.dur ?? 0) >= minMs * 1000,
    )
    .sort((a, b) => a.ts - b.ts);
  const commits = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "Commit");
  const t0 = events
    .filter((e) => onMain(e) && e.name === "RunTask")
    .reduce((m, e) => Math.min(m, e.ts), Infinity);
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const commit = commits
      .filter((c) => c.ts >= task.ts && c.ts + c.dur <= end)
      .reduce((sum, c) => sum + c.dur, 0);
    return {
      startMs: (task.ts - t0) / 1000,
      ms: task.dur / 1000,
      commitMs: commit / 1000,
      ts: task.ts,
      dur: task.dur,
    };
  });
}

function main() {
  const { values, positionals } = scriptArgs(
    import.meta.url,
    { min: { type: "string", default: "100" }, top: { type: "string", default: "8" } },
    { allowPositionals: true },
  );
  const file = positionals[0];
  if (!file) fail(import.meta.url, "a trace FILE is needed");
  const trace = readTrace(file);
  const { events, pid, onMain } = trace;
  const tasks = mainThreadTasks(trace, Number(values.min));
  // CPU profile samples of the main thread: ProfileChunk events carry nodes and time deltas
  // (chunks belong to the thread of the "Profile" event with their id)
  // a profile's sample times are deltas from its start (the "Profile" event's startTime), chunk
  // after chunk — not from each chunk's own timestamp, which comes later (when it was written)
  const profiles = new Map(
    events
      .filter((e) => e.name === "Profile" && onMain(e))
      .map((e) => [e.id, e.args?.data?.startTime ?? e.ts]),
  );
  const nodes = new Map();
  const samples = [];
  const last = new Map();
  for (const e of events) {
    if (e.name !== "ProfileChunk" || e.pid !== pid || !profiles.has(e.id)) continue;
    const data = e.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(`${e.id}:${node.id}`, node);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let ts = last.get(e.id) ?? profiles.get(e.id);
    for (let i = 0; i < ids.length; i++) {
      ts += deltas[i] ?? 0;
      samples.push({ chunk: e.id, ts, node: `${e.id}:${ids[i]}` });
    }
    last.set(e.id, ts);
  }
  samples.sort((a, b) => a.ts - b.ts);

  const label = (node) => {
    const frame = node?.callFrame ?? {};
    const script = (frame.url ?? "").split("/").pop() || "(native)";
    return `${frame.functionName || "(anonymous)"} ${script}:${frame.lineNumber ?? ""}`;
  };
  for (const task of tasks) {
    const inside = samples.filter((s) => s.ts >= task.ts && s.ts <= task.ts + task.dur);
    const self = new Map();
    for (const s of inside) {
      const key = label(nodes.get(s.node));
      self.set(key, (self.get(key) ?? 0) + 1);
    }
    // top-level trace events inside the task, by name (FunctionCall, GC, v8 deserialize …)
    const children = new Map();
    for (const e of events) {
      if (!onMain(e) || e.ph !== "X" || e === task) continue;
      if (e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + task.dur) continue;
      children.set(e.name, (children.get(e.name) ?? 0) + (e.dur ?? 0));
    }
    // the GPU process's main thread busy meanwhile: SwiftShader running the map's WebGL commands
    // (with software compositing the page's commit waits for it to read the frame back)
    let gpu = 0;
    for (const e of events) {
      if (e.ph !== "X" || e.name !== "GPUTask" || !e.dur) continue;
      gpu += Math.max(0, Math.min(e.ts + e.dur, task.ts + task.dur) - Math.max(e.ts, task.ts));
    }
    const share = (n) => `${Math.round((100 * n) / Math.max(1, inside.length))}%`;
    console.log(
      `\n+${Math.round(task.startMs)} ms: task of ${Math.round(task.ms)} ms (commit ${Math.round(task.commitMs)} ms, GPU process busy ${Math.round(gpu / 1000)} ms), ${inside.length} samples`,
    );
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
    for (const [name, n] of top) console.log(`   ${share(n).padStart(4)}  ${name}`);
    const events_ = [...children].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(
      `   events: ${events_.map(([n, us]) => `${n} ${Math.round(us / 1000)} ms`).join(", ")}`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
