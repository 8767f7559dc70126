import { cpSync, existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { isTemporaryFileName } from "./scripts/temporary-names.mjs";

/**
 * The app fetches `layers/` (hand-authored catalogue and layers) and `data/` (built by `npm run data`)
 * at run time, so the catalogue can change without a rebuild. The dev server serves them from the
 * project root already; a build copies them beside the bundle so `vite preview` and a static host
 * serve the same paths. Temporary files of the commands (`.<name>.tmp-<pid>`) stay behind.
 */
export function copyRuntimeFolders(folders: string[], sourceRoot = import.meta.dirname): Plugin {
  let outDir = "dist";
  return {
    name: "plan-layers:copy-runtime-folders",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const folder of folders) {
        const from = resolve(sourceRoot, folder);
        if (!existsSync(from)) continue;
        // a temporary file of a run that is writing (or was killed) is not part of the data
        cpSync(from, resolve(outDir, folder), {
          recursive: true,
          filter: (path) => !isTemporaryFileName(basename(path)),
        });
      }
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [react(), copyRuntimeFolders(["layers", "data"])],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: { sourcemap: true, chunkSizeWarningLimit: 2000 },
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
