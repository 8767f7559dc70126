// Bundles a TypeScript entry (and all it imports, packages included) into one ES module with
// esbuild, and again only when a file it was built from has changed since: the commands of
// scripts/run-cli.mjs then start in milliseconds instead of compiling TypeScript on each run.
// Shared by scripts/run-cli.mjs and scripts/bench-validity.mjs.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Stands for every package file: a bundle is rebuilt when it changes, instead of one stat per file
 * of @turf/turf and the others at each start.
 */
const LOCK_FILE = "package-lock.json";

/** This script: a change in how bundles are built (the banner, say) rebuilds them. */
const THIS_SCRIPT = "scripts/bundle.mjs";

/**
 * Whether the bundle must be built: it or its record is missing, or a file it was built from
 * (listed in the record, relative to the project root) is gone or changed since the build began.
 */
function isStale(outfile, record) {
  if (!existsSync(outfile)) return true;
  let built;
  try {
    built = JSON.parse(readFileSync(record, "utf8"));
  } catch {
    return true;
  }
  for (const input of [...built.inputs, LOCK_FILE, THIS_SCRIPT]) {
    try {
      if (statSync(join(root, input)).mtimeMs >= built.startedMs) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Builds `outfile` from `entry` (absolute paths) unless it is up to date. Beside it,
 * `<outfile>.inputs.json` records the project files esbuild read (from its metafile) and when the
 * build began: a file edited while the bundle was being built makes the next run build again.
 *
 * `external` names packages left as imports instead of bundled.
 *
 * @returns whether it built
 */
export async function bundleIfStale(entry, outfile, { sourcemap = false, external = [] } = {}) {
  const record = `${outfile}.inputs.json`;
  if (!isStale(outfile, record)) return false;
  const startedMs = Date.now();
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages are bundled too: resolving and loading @turf/turf's hundred modules at each start
    // cost ~300 ms, a third of a whole check. CommonJS dependencies get a require() to call, and
    // the __dirname and __filename CommonJS has (sql.js's Emscripten start-up reads __dirname).
    banner: {
      js: [
        'import { createRequire as __createRequire } from "node:module";',
        'import { dirname as __pathDirname } from "node:path";',
        'import { fileURLToPath as __fileURLToPath } from "node:url";',
        "const require = __createRequire(import.meta.url);",
        "const __filename = __fileURLToPath(import.meta.url);",
        "const __dirname = __pathDirname(__filename);",
      ].join(" "),
    },
    sourcemap,
    // packages that load files beside their own module (PGlite's WebAssembly and data) stay
    // imports, resolved from node_modules at run time
    external,
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).filter(
    (path) => !path.split("/").includes("node_modules"),
  );
  writeFileSync(record, `${JSON.stringify({ startedMs, inputs })}\n`);
  return true;
}
