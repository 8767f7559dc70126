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

/**
 * Flags that let Debian's Chromium run headless as root here, with WebGL through SwiftShader.
 *
 * Compositing goes through the GPU process (no `--disable-gpu`), as in every browser that can run
 * the app: WebGL needs a GPU, and a browser with one composites with it. With `--disable-gpu` the
 * browser composites in software and reads each WebGL frame back on the page's thread, so the page
 * waited for SwiftShader to draw every frame: 65–90 ms a redraw of the default view, 0.4–1.2 s a
 * frame of a 100 000-zone proposal, counted as the app's long tasks. Now the GPU process draws
 * them beside the page, on the same two cores; the app's first-map mark and the benchmarks' "drawn"
 * wait until it has (a fence: src/map/first-draw.ts, scripts/gpu-drawn.mjs).
 *
 * `--disable-gpu-rasterization`: the page's own content (the sidebar, the panels) is rasterised
 * on the CPU, as Chromium does where it does not trust the GPU for it, so that SwiftShader's
 * work is the map's. With both drawn by SwiftShader the first picture came 0.6 s later and the
 * map's context took a 0.6 s task to set up (5 loads each).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu-rasterization",
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
