import { type Dirent, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseTemporaryName, temporaryName } from "../../scripts/temporary-names.mjs";

/*
 * Temporary files the commands (the check's --out, the data step's outputs) write beside their
 * targets before renaming them into place. A run stopped half-way (a signal, a crash, a full disk)
 * must not leave them behind: `vite build` would ship them in dist/ and the next run would never
 * notice them. So each process tracks its own and removes them on exit and on SIGINT/SIGTERM/SIGHUP,
 * and the next run writing into the same folder removes those of processes that are gone.
 */

/**
 * The temporary file process `pid` writes before renaming it over `target`: beside it, so the
 * rename stays on one file system; hidden, and named by scripts/temporary-names.mjs.
 */
export const temporaryPathFor = (target: string, pid = process.pid): string =>
  join(dirname(target), temporaryName(basename(target), pid));

const HANDLED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Temporary files this process has created and not yet renamed or removed. */
const tracked = new Set<string>();

/**
 * Removes a temporary file of this process and forgets it. Never throws: it runs while another
 * error is on its way or the process is exiting; the next run sweeps what is left.
 */
export function removeTemporary(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // e.g. EISDIR, EACCES: not ours to force
  }
  untrackTemporary(path);
}

/** Removes every tracked temporary file; what exit and the handled signals call. */
export function removePendingTemporaries(): void {
  for (const path of [...tracked]) removeTemporary(path);
}

/**
 * On a signal while a temporary file exists: remove it, then let the signal end the process as it
 * would have without us (default action), so the parent still sees "killed by SIGTERM" (a shell
 * says 143) and nothing is renamed into place afterwards.
 */
function onSignal(signal: NodeJS.Signals): void {
  removePendingTemporaries();
  stopListening();
  process.kill(process.pid, signal);
}

function stopListening(): void {
  for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  process.off("exit", removePendingTemporaries);
}

/**
 * Records a temporary file about to be written (a write that fails half-way leaves a partial file
 * too), to be removed if the process ends before {@link untrackTemporary}. Signal handlers are
 * installed only while some file is tracked: the rest of the time a signal keeps its default
 * action and stops a long synchronous check or build at once (a handler would only run after it).
 */
export function trackTemporary(path: string): void {
  if (tracked.size === 0) {
    for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
    process.on("exit", removePendingTemporaries);
  }
  tracked.add(path);
}

/** Forgets a temporary file (renamed into place or removed). */
export function untrackTemporary(path: string): void {
  if (!tracked.delete(path)) return;
  if (tracked.size === 0) stopListening();
}

/**
 * Lets a signal that came during synchronous work (writing the temporary files) run its handler,
 * which removes them and ends the process, before they are renamed into place: once they are
 * renamed and forgotten the handler is gone, and a signal it had caught is lost (the build went on
 * and exited 0). A handler runs when the event loop polls; two turns of its check phase (immediates)
 * have a poll between them, whatever phase we are called in — one turn was not enough for the data
 * step, which reaches here from a poll callback.
 */
export const deliverPendingSignals = (): Promise<void> =>
  new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** Whether process `pid` is running (one of another user counts: we may not signal it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files in `folder` left by runs that were killed outright (SIGKILL, out of
 * memory, power loss): regular files of our name whose target name `ours` accepts and whose process
 * has ended. Files of a running process (another run writing now), of other targets and any other
 * name are left alone.
 *
 * @returns the names removed
 */
export function sweepStaleTemporaries(folder: string, ours: (target: string) => boolean): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const name = parseTemporaryName(entry.name);
    if (!entry.isFile() || !name || !ours(name.target)) continue;
    if (!Number.isSafeInteger(name.pid) || name.pid === process.pid || alive(name.pid)) continue;
    try {
      rmSync(join(folder, entry.name), { force: true });
      removed.push(entry.name);
    } catch {
      // the folder is read-only: nothing to clean then
    }
  }
  return removed;
}
