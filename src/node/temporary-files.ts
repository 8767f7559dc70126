import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/*
 * Temporary files the commands write beside their outputs before renaming them into place. A run
 * stopped half-way (a signal, a crash, a full disk) must not leave them behind: `vite build` would
 * ship them in dist/ and the next run would never notice them. So each process tracks its own and
 * removes them on exit and on SIGINT/SIGTERM/SIGHUP, and the next run writing the same output
 * removes those of processes that are gone.
 */

export { isTemporaryFileName } from "../../scripts/temporary-names.mjs";

/**
 * The temporary file a process writes before renaming it over `target`: beside it, so the rename
 * stays on one file system. Matches `isTemporaryFileName`, so `vite build` leaves it behind.
 */
export const temporaryPathFor = (target: string, pid = process.pid): string =>
  `${target}.${pid}.tmp`;

const HANDLED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const tracked = new Set<string>();

function removeTracked(): void {
  for (const path of tracked) rmSync(path, { force: true });
  tracked.clear();
}

/**
 * On a signal while a temporary file exists: remove it, then let the signal end the process as it
 * would have without us (default action), so the parent still sees "killed by SIGTERM" (exit 143
 * through scripts/run-cli.mjs) and nothing is renamed into place afterwards.
 */
function onSignal(signal: NodeJS.Signals): void {
  removeTracked();
  stopListening();
  process.kill(process.pid, signal);
}

function stopListening(): void {
  for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  process.off("exit", removeTracked);
}

/**
 * Records a temporary file of this process, to be removed if the process ends before
 * {@link untrackTemporary}. Signal handlers are installed only while some file is tracked: the rest
 * of the time a signal keeps its default action and stops a long synchronous check at once (a
 * handler would only run after it).
 */
export function trackTemporary(path: string): void {
  if (tracked.size === 0) {
    for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
    process.on("exit", removeTracked);
  }
  tracked.add(path);
}

/** Forgets a temporary file (renamed into place or removed). */
export function untrackTemporary(path: string): void {
  tracked.delete(path);
  if (tracked.size === 0) stopListening();
}

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
 * Removes temporary files of `target` (`<target>.<pid>.tmp`) whose process has ended: left by a run
 * that was killed or crashed. Files of running processes and any other name are left alone.
 *
 * @returns the paths removed
 */
export function sweepStaleTemporaries(target: string): string[] {
  const dir = dirname(target);
  const prefix = `${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    const path = join(dir, name);
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch {
      // another run removed it first, or the folder is read-only: nothing to clean then
    }
  }
  return removed;
}
