import { appOrigin, resolveAppFile } from "./app-file-url";

/**
 * Where the app finds a run-time file given by its path as users see it in messages, e.g.
 * "data/hanoi-districts.fgb": relative to the page, so the app works from any folder of a static
 * host (the build uses `base: "./"`).
 */
export function appFileUrl(file: string): URL {
  return resolveAppFile(file, new URL(document.baseURI), appOrigin());
}

/** The catalogue's path as users see it in messages. */
export const CATALOG_FILE = "layers/catalog.json";

/** Where the catalogue is fetched from; layer and rules files are relative to it. */
export const CATALOG_URL = appFileUrl(CATALOG_FILE);
