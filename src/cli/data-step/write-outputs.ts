import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "./build-outputs";
import { MANIFEST_FILE, type Manifest } from "./manifest";
import {
  removeTemporary,
  temporaryPath,
  trackTemporary,
  untrackTemporary,
} from "./temporary-files";

/**
 * Replaces the outputs in `outDir` as close to all-or-nothing as a file system allows: every file
 * is first written beside its target under a temporary name (a failure there removes them and
 * leaves the folder as it was), the old manifest is removed, each temporary file is renamed over
 * its target (atomic per file), outputs the previous build listed and this one does not are
 * removed, and the new manifest comes last — so an interrupted run leaves no manifest and the
 * next `--if-stale` rebuilds. Temporary files are tracked: a run ended by an error, an exit or a
 * signal removes its own (see temporary-files.ts), the next run those of a killed one.
 */
export function writeOutputsAtomically(
  outDir: string,
  outputs: readonly Output[],
  manifest: Manifest,
  previous: Manifest | null,
): void {
  mkdirSync(outDir, { recursive: true });
  const files = [
    ...outputs,
    {
      file: MANIFEST_FILE,
      bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    },
  ];
  const temporary = (file: string) => temporaryPath(outDir, file);
  // Recorded before writing: a write that fails half-way (disk full) leaves a partial file too.
  const started: string[] = [];
  try {
    for (const { file, bytes } of files) {
      trackTemporary(temporary(file));
      started.push(temporary(file));
      writeFileSync(temporary(file), bytes);
    }
  } catch (error) {
    for (const path of started) removeTemporary(path);
    throw error;
  }
  rmSync(join(outDir, MANIFEST_FILE), { force: true });
  const rename = (file: string) => {
    renameSync(temporary(file), join(outDir, file));
    untrackTemporary(temporary(file));
  };
  for (const { file } of outputs) rename(file);
  const current = new Set(outputs.map((output) => output.file));
  for (const old of previous?.outputs ?? []) {
    // Only plain names a manifest of ours would list; never a path out of the folder.
    if (!current.has(old.file) && /^[\w.-]+$/.test(old.file)) {
      rmSync(join(outDir, old.file), { force: true });
    }
  }
  rename(MANIFEST_FILE);
}
