// How the browser tests and `npm run bench:app` start Chromium here: Debian's /usr/bin/chromium
// (CHROMIUM_PATH overrides it) driven by playwright-core, headless as root, WebGL through
// SwiftShader (see ../shared/notes/browser-and-maplibre.md).

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
];

/** The Chromium binary. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
