import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  deliverPendingSignals,
  removeTemporary,
  sweepStaleTemporaries,
  temporaryPathFor,
  trackTemporary,
  untrackTemporary,
} from "../../node/temporary-files";
import type { Output } from "./build-outputs";
import { MANIFEST_FILE, type Manifest } from "./manifest";
import { DataStepError } from "./messages";

/**
 * Replaces the outputs in `outDir` as close to all-or-nothing as a file system allows: every file
 * is first written beside its target under a temporary name (a failure or a signal there removes
 * them and leaves the folder as it was), the old manifest is removed, each temporary file is renamed over
 * its target (atomic per file), outputs the previous build listed and this one does not are
 * removed, and the new manifest comes last — so an interrupted run leaves no manifest and the
 * next `--if-stale` rebuilds. Temporary files are tracked: a run ended by an error, an exit or a
 * signal removes its own (see src/node/temporary-files.ts), the next run those of a killed one
 * ({@link sweepStaleOutputs}).
 */
export async function writeOutputsAtomically(
  outDir: string,
  outputs: readonly Output[],
  manifest: Manifest,
  previous: Manifest | null,
): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const files = [
    ...outputs,
    {
      file: MANIFEST_FILE,
      bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    },
  ];
  // A folder cannot be renamed over: say so before anything is written, not with a stack trace.
  const folder = files.find(({ file }) => isFolder(join(outDir, file)));
  if (folder) {
    const path = join(outDir, folder.file);
    throw new DataStepError(
      {
        vi: `${path} là một thư mục, mà bước dữ liệu ghi tệp ở đó; hãy chuyển hoặc xoá thư mục này rồi chạy lại`,
        en: `${path} is a folder where the data step writes a file; move or remove that folder, then run again`,
      },
      2,
    );
  }
  const temporary = (file: string) => temporaryPathFor(join(outDir, file));
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
  // Ctrl-C during the writes stops the build here, the folder as it was
  await deliverPendingSignals();
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

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The names the data step writes: plain .fgb and .json files. */
const OUTPUT_NAME = /^[\w.-]+\.(?:fgb|json)$/;

/**
 * Removes the temporary files of outputs that a run killed outright (SIGKILL, out of memory, power
 * loss) left in `outDir`; a running build's, and temporary files of other names (the check's
 * `--out` into this folder), are left alone.
 *
 * @returns the names removed
 */
export function sweepStaleOutputs(outDir: string): string[] {
  return sweepStaleTemporaries(outDir, (target) => OUTPUT_NAME.test(target));
}
