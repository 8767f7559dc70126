#!/usr/bin/env node
// Runs a command of src/cli/ from a bundle in build/cli/, rebuilt only when a file it was built from
// changed (scripts/bundle.mjs), so `npm run check` starts in milliseconds. The command runs in
// this process: started as a child, it cost a second Node start (~150 ms of a 1.2 s check of
// 10 000 zones on a 2-core machine) and a process in between for every signal.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleIfStale } from "./bundle.mjs";
import { watchParent } from "./run-child.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z-]+$/.test(name)) {
  console.error("usage: node scripts/run-cli.mjs <command> [args…]");
  process.exit(2);
}
const entry = join(root, "src", "cli", `${name}.ts`);
const bundle = join(root, "build", "cli", `${name}.mjs`);
if (!existsSync(entry)) {
  console.error(`no such command: src/cli/${name}.ts`);
  process.exit(2);
}

// PGlite reads its WebAssembly and data files next to its own module: bundled, it would look for
// them in build/cli/
const EXTERNAL = { serve: ["@electric-sql/pglite"] };
// Bundles a command starts besides its own: the check's worker threads load a bundle of the
// engine alone (src/cli/check-worker.ts), not the whole command's, and the streaming readers
// (src/cli/check-stream-reader.ts) only when a layer is streamed.
const COMPANIONS = { check: ["check-worker", "check-stream-reader"] };
await bundleIfStale(entry, bundle, { sourcemap: true, external: EXTERNAL[name] ?? [] });
for (const companion of COMPANIONS[name] ?? []) {
  await bundleIfStale(
    join(root, "src", "cli", `${companion}.ts`),
    join(root, "build", "cli", `${companion}.mjs`),
    { sourcemap: true },
  );
}
// No --enable-source-maps: it made the check phase ~30 ms slower (10 000 × 2 000, medians of nine
// fresh runs). Stack traces of internal errors name bundle lines; run with
// NODE_OPTIONS=--enable-source-maps to map them to src/.
//
// Signals reach the command itself: its handlers (the check removes its temporary file) run, then
// the signal ends the process, which a shell reports as 128 + its number (143 SIGTERM, 137
// SIGKILL, 134 when V8 aborts out of memory). If our parent goes without passing a signal on
// (npm's `sh -c` does), we send ourselves the SIGTERM that did not come.
watchParent();
// the command reads its arguments from process.argv.slice(2), as when its bundle is run directly
process.argv.splice(2, 1);
await import(pathToFileURL(bundle).href);
