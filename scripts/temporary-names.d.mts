/** Types of temporary-names.mjs, for vite.config.ts and src/node/temporary-files.ts. */
export declare const TEMPORARY_FILE_NAME: RegExp;
export declare function isTemporaryFileName(name: string): boolean;
