// Headless Chromium as the browser tests and `npm run bench -- --app-check` drive it: one list of
// flags, so the benchmark measures the app in the same browser the tests check it in.
import { chromium } from "playwright-core";

/**
 * The features Playwright turns off itself (playwright-core 1.65's `chromiumSwitches`). Chromium
 * honours only the last `--disable-features` of its command line, and Playwright puts ours after its
 * own: ours must carry its list too, or those features come back on. test/e2e/chromium-flags.test.ts
 * fails when Playwright's list changes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * Headless Chromium builds the browser's own UI for every window it opens (each test's or load's
 * fresh context is one), and preloads the address bar's suggestion popup as a WebUI page in a
 * renderer of its own: 1.3–1.5 s of CPU in the first 3 s of each window here, taken from the page
 * under test on a 2-core machine. A user's browser loaded it long before they opened the app; no
 * test or benchmark uses it.
 */
const BROWSER_UI_FEATURES = [
  "WebUIOmniboxPopup",
  "WebUIOmniboxFullPopup",
  "WebUIOmniboxAimPopup",
  "PreloadTopChromeWebUI",
];

/** Flags that let Debian's Chromium run headless as root here, with WebGL through SwiftShader. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--enable-unsafe-swiftshader",
  "--use-angle=swiftshader",
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(",")}`,
];

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Starts headless Chromium with {@link CHROMIUM_ARGS}. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
