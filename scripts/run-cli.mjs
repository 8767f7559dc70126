#!/usr/bin/env node
// Runs a command of src/cli/ from a bundle in build/cli/, rebuilt only when a file it was built from
// changed (scripts/bundle.mjs), so `npm run check` starts in milliseconds.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleIfStale } from "./bundle.mjs";
import { runChild } from "./run-child.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [name, ...args] = process.argv.slice(2);
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
// Asynchronous, so SIGINT/SIGTERM/SIGHUP reach the command (a synchronous spawn left it running,
// orphaned, after the wrapper was killed), and a command killed by a signal exits 128 + its number
// (SIGKILL 137, SIGABRT 134 when V8 runs out of memory) instead of 1, which reads as a verdict.
process.exit(await runChild(process.execPath, [bundle, ...args]));
