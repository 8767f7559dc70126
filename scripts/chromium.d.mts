/** Types of chromium.mjs, for the browser tests. */
import type { Browser } from "playwright-core";

export declare const PLAYWRIGHT_DISABLED_FEATURES: readonly string[];
export declare const CHROMIUM_ARGS: readonly string[];
export declare const CHROMIUM_PATH: string;
export declare function launchChromium(): Promise<Browser>;
