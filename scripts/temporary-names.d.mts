/** Types of temporary-names.mjs, for vite.config.ts and src/node/temporary-files.ts. */
export declare function temporaryName(target: string, pid: number): string;
export declare function parseTemporaryName(name: string): { target: string; pid: number } | null;
export declare function isTemporaryFileName(name: string): boolean;
