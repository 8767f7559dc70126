/**
 * Where the app finds its run-time files, relative to the page so the app works from any folder
 * of a static host (the build uses `base: "./"`).
 */
export const CATALOG_URL = new URL("layers/catalog.json", document.baseURI);

/** The catalogue's path as users see it in messages. */
export const CATALOG_FILE = "layers/catalog.json";

/** A file of the data step's output folder, e.g. `dataUrl("hanoi-districts.fgb")`. */
export function dataUrl(name: string): URL {
  return new URL(`data/${name}`, document.baseURI);
}
