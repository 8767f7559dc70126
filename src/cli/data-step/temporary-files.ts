import { type Dirent, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bilingual } from "./messages";

/**
 * The data step's temporary files: `.<output file>.tmp-<pid>` beside their target in the output
 * folder (outputs are .fgb and .json files). Only names of this pattern are ever swept.
 */
const TEMPORARY_NAME = /^\.[\w.-]+\.(?:fgb|json)\.tmp-([1-9]\d*)$/;

/** Signals that end a run early (Ctrl-C, `kill`, a closed terminal). */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Temporary files this process has created and not yet renamed or removed. */
const pending = new Set<string>();
let guarded = false;

/** Where `file` is written before it is renamed over its target in `outDir`. */
export function temporaryPath(outDir: string, file: string): string {
  return join(outDir, `.${file}.tmp-${process.pid}`);
}

/**
 * Removes a temporary file of this process and forgets it. Never throws: it runs while another
 * error is on its way or the process is exiting; the next run sweeps what is left (see
 * `removeStaleTemporaries`).
 */
export function removeTemporary(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // e.g. EISDIR, EACCES: not ours to force
  }
  pending.delete(path);
}

/** Removes every pending temporary file; safe to call at any time, even while exiting. */
export function removePendingTemporaries(): void {
  for (const path of [...pending]) removeTemporary(path);
}

/**
 * Installs, once per process, the clean-up of pending temporary files on exit and on SIGINT,
 * SIGTERM and SIGHUP; on a signal the process then dies of it, as it would have without the
 * handler. Installed on the first temporary file rather than at start: a handler defers the
 * signal to the next turn of the event loop, and the whole build before the write is synchronous,
 * so Ctrl-C stays immediate until there is something to clean up. During the (synchronous) write a
 * signal thus waits for the write to end: the folder is then complete and nothing is left over.
 */
function guard(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", removePendingTemporaries);
  for (const signal of SIGNALS) {
    process.once(signal, () => {
      removePendingTemporaries();
      process.kill(process.pid, signal);
    });
  }
}

/** Records a temporary file about to be written, so an interrupted run removes it. */
export function trackTemporary(path: string): void {
  guard();
  pending.add(path);
}

/** Forgets a temporary file that was renamed over its target or removed. */
export function untrackTemporary(path: string): void {
  pending.delete(path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files an earlier run left in `outDir` when it was killed outright (SIGKILL,
 * out of memory, power loss): files of our own pattern whose process is no longer alive. Files of
 * a running process (another build writing now) and any other name are left alone.
 *
 * @returns the names removed
 */
export function removeStaleTemporaries(outDir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(outDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(TEMPORARY_NAME.exec(entry.name)?.[1]);
    if (!entry.isFile() || !pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(outDir, entry.name), { force: true });
    removed.push(entry.name);
  }
  return removed;
}

/** The line saying what `removeStaleTemporaries` removed, or null when it removed nothing. */
export function staleTemporariesNote(removed: readonly string[], outName: string): string | null {
  if (removed.length === 0) return null;
  const names = removed.join(", ");
  return bilingual({
    vi: `Đã xoá ${removed.length} tệp tạm của một lần chạy bị ngắt khỏi ${outName}: ${names}`,
    en: `Removed ${removed.length} temporary files of an interrupted run from ${outName}: ${names}`,
  });
}
