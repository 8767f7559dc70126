import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import type { Logger, Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { copyRegularFiles } from "./scripts/copy-regular-files.mjs";
import { isTemporaryFileName } from "./scripts/temporary-names.mjs";

/**
 * The app fetches `layers/` (hand-authored catalogue and layers) and `data/` (built by `npm run data`)
 * at run time, so the catalogue can change without a rebuild. The dev server serves them from the
 * project root already; a build copies them beside the bundle so `vite preview` and a static host
 * serve the same paths. Temporary files of the commands (`.<name>.tmp-<pid>`) stay behind.
 *
 * Only folders and regular files are copied (a link as the regular file it leads to, inside the
 * folder). Anything else — a FIFO, a device, a link out of the folder (to /dev/zero, to /etc/…) —
 * is left out with a warning naming it, not a failed build: a static host must never serve it,
 * and the app already says which layer file it cannot load, while a build stopped by a stray pipe
 * in layers/ would hold back every other change.
 */
/**
 * Folders under the runtime folders that a build never copies: the review server's embedded
 * database (`npm run serve`, default `data/reviews/`) holds accounts and sessions, and a static
 * host would serve whatever lands in dist/.
 */
const NEVER_SERVED = new Set(["data/reviews"]);

export function copyRuntimeFolders(folders: string[], sourceRoot = import.meta.dirname): Plugin {
  let outDir = "dist";
  let warn: (line: string) => void = (line) => console.warn(line);
  return {
    name: "plan-layers:copy-runtime-folders",
    apply: "build",
    configResolved(config: { root: string; build: { outDir: string }; logger?: Logger }) {
      outDir = resolve(config.root, config.build.outDir);
      const logger = config.logger;
      if (logger) warn = (line) => logger.warn(line);
    },
    closeBundle() {
      for (const folder of folders) {
        const from = resolve(sourceRoot, folder);
        if (!existsSync(from)) continue;
        // a temporary file of a run that is writing (or was killed) is not part of the data
        const skipped = copyRegularFiles(
          from,
          resolve(outDir, folder),
          (name, path) => !isTemporaryFileName(name) && !NEVER_SERVED.has(`${folder}/${path}`),
        );
        const dist = relative(sourceRoot, outDir) || outDir;
        for (const { path, problem } of skipped) {
          const shown = relative(sourceRoot, path);
          warn(
            `Cảnh báo / Warning: ${shown}: ${problem.vi}, không chép vào ${dist}/ — chỉ chép tệp thường; hãy xoá nó hoặc thay bằng tệp / ${problem.en}, not copied into ${dist}/ — only regular files are; remove it or put the file itself there`,
          );
        }
      }
    },
  };
}

/**
 * Has the page's head preload the chunks of a module the app imports dynamically as it starts
 * (`entry`, e.g. "src/map/map-view.ts") and the chunks they import: the browser fetches them beside
 * the entry chunk, not once it has run. The map's chunks (MapLibre's 1 MB among them) came about
 * 300 ms after the entry here, and MapLibre starts its worker only once they have run, so every
 * step to the first picture waited for them. They stay chunks of their own, run when imported.
 */
export function preloadDynamicEntry(entry: string): Plugin {
  return {
    name: "plan-layers:preload-dynamic-entry",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === "chunk");
      const root = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(entry));
      const html = bundle["index.html"];
      if (!root || html?.type !== "asset" || typeof html.source !== "string") {
        this.error(`preloadDynamicEntry: no chunk for ${entry} or no index.html in the build`);
      }
      const files = new Set<string>();
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        files.add(fileName);
        for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) {
          visit(imported);
        }
      };
      visit(root.fileName);
      const page = html.source.toString();
      const links = [...files]
        .filter((file) => !page.includes(`/${file}"`))
        .map((file) => `<link rel="modulepreload" crossorigin href="./${file}">`);
      html.source = page.replace("</head>", `  ${links.join("\n    ")}\n  </head>`);
    },
  };
}

/**
 * MapLibre (about 1 MB, over half of what the map needs) in a chunk of its own: it changes less often
 * than the app, so a browser keeps it across releases, and it downloads beside the app's entry
 * chunk instead of inside it. What the first picture does not need (the check, the import, the
 * comparison, the progress table) is split off by the dynamic imports that load it.
 */
export const CHUNK_GROUPS = [
  { name: "maplibre", test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/, priority: 20 },
];

export default defineConfig({
  base: "./",
  plugins: [
    react(),
    copyRuntimeFolders(["layers", "data"]),
    // the map is the first picture: its code comes with the app's, see preloadDynamicEntry
    preloadDynamicEntry("src/map/map-view.ts"),
  ],
  // The city intranet's basemap (a MapLibre style URL or a .pmtiles file), given when building or
  // serving: `PLAN_LAYERS_BASEMAP=https://gis.intranet/basemap.pmtiles npm run build`.
  define: { __PLAN_LAYERS_BASEMAP__: JSON.stringify(process.env.PLAN_LAYERS_BASEMAP ?? "") },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: {
    sourcemap: true,
    // MapLibre's own chunk is over it (and cached): the warning is for the app's chunks
    chunkSizeWarningLimit: 1100,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
  worker: { format: "es" },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/agreement/**"],
          environment: "node",
          // A hang guard, not a speed target: geometry tests that take 1–2 s alone took over vitest's
          // 5 s default while both cores ran other test files.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // npm run check against PostGIS on generated data (needs PostgreSQL + PostGIS + GDAL)
          name: "agreement",
          include: ["test/agreement/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
