#!/usr/bin/env node
// ../shared/bench/gen-plan-data.mjs writing newline-delimited GeoJSON (`<layer>.ndjson`, one
// feature per line) instead of one GeoJSON text per layer: at 1 000 000 zones that text is longer
// than V8's longest string (512 MiB), so the generator cannot even join it. Same arguments, same
// features in the same order (its writer is the only thing swapped: the generator is the shared
// one, not a copy of it), written a line at a time.
//
//   node scripts/gen-plan-data-lines.mjs --zones N --constraints M --seed S --out DIR
//
// Give Node a larger heap for big runs (the generator holds every zone): at 1 000 000 zones,
// NODE_OPTIONS=--max-old-space-size=16384.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared", "bench");
const generator = join(shared, "gen-plan-data.mjs");

/** The generator's GeoJSON writer, as it stands in the shared script. */
const WRITER = /function writeFC\(name, feats\) \{\n[\s\S]*?\n\}\n/;

/** Writes `name` (".geojson" → ".ndjson") a line per feature, a few MiB per write. */
const LINES_WRITER = `function writeFC(name, feats) {
  const p = path.join(ARGS.out, name.replace(/\\.geojson$/, '.ndjson'));
  const fd = fs.openSync(p, 'w');
  let parts = []; let size = 0;
  for (const f of feats) {
    const line = JSON.stringify(f) + '\\n';
    parts.push(line); size += line.length;
    if (size >= 1 << 22) { fs.writeSync(fd, parts.join('')); parts = []; size = 0; }
  }
  if (parts.length) fs.writeSync(fd, parts.join(''));
  fs.closeSync(fd);
  return fs.statSync(p).size;
}
`;

const source = readFileSync(generator, "utf8");
if (!WRITER.test(source)) {
  console.error(
    `${generator}: its writeFC function is not where this script expects it; update WRITER`,
  );
  process.exit(2);
}
const args = process.argv.slice(2);
// the copy runs from a temporary folder: the generator's default boundary is beside the original
const boundary = resolve(shared, "../data/vn-admin/hanoi-boundary.geojson");
const withBoundary = args.includes("--boundary") ? args : [...args, "--boundary", boundary];
const folder = mkdtempSync(join(tmpdir(), "gen-plan-data-"));
try {
  const script = join(folder, "gen-plan-data-lines.mjs");
  writeFileSync(script, source.replace(WRITER, LINES_WRITER));
  // from the project's folder: the generator resolves @turf/turf from the working directory
  const r = spawnSync(process.execPath, [script, ...withBoundary], { cwd: root, stdio: "inherit" });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
