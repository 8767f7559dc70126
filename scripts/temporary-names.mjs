// The names of the temporary files this project's commands (the check's --out, the data step's
// outputs) write beside their targets before renaming them into place: src/node/temporary-files.ts
// writes, tracks and sweeps them, `vite build` skips them. Plain JavaScript so vite.config.ts
// imports it as is (a TypeScript import there would not load once Vite loads configs natively).

/**
 * `.<target name>.tmp-<pid>`: hidden (globs, `ls` and the data step's walk of layers/ skip it), and
 * the pid says whether the run writing it is still alive.
 */
const TEMPORARY_NAME = /^\.(.+)\.tmp-([1-9]\d*)$/;

/** The name of the temporary file process `pid` writes before renaming it to `target` (a name). */
export const temporaryName = (target, pid) => `.${target}.tmp-${pid}`;

/** The target name and the pid of a temporary file's name; null for any other name. */
export function parseTemporaryName(name) {
  const match = TEMPORARY_NAME.exec(name);
  return match ? { target: match[1], pid: Number(match[2]) } : null;
}

/** Whether a file name (no folder) is one of this project's temporary files: builds skip them. */
export const isTemporaryFileName = (name) => TEMPORARY_NAME.test(name);
