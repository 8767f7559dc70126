/** Types of chromium.mjs, for the browser tests (test/e2e/harness.ts). */
export declare const CHROMIUM_ARGS: string[];
export declare const CHROMIUM_PATH: string;
