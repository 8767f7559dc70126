// Names of the temporary files this project's commands write beside their outputs before renaming
// them into place. Plain JavaScript so vite.config.ts can load it without a TypeScript step.

/**
 * `<output>.<pid>.tmp` (npm run check's --out, src/node/temporary-files.ts) and
 * `.<file>.tmp-<pid>` (npm run data, src/cli/data-step/write-outputs.ts).
 */
export const TEMPORARY_FILE_NAME = /(?:\.\d+\.tmp|\.tmp-\d+)$/;

/** Whether a file name (no folder) is one of this project's temporary files: builds skip them. */
export const isTemporaryFileName = (name) => TEMPORARY_FILE_NAME.test(name);
