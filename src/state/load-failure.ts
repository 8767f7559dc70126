import type { Bilingual } from "../core/validate/validation-issue";

/** Why a data file could not be used, as a key the UI translates (`load.reason.*`). */
export type LoadReason =
  | "http"
  | "network"
  | "not-found"
  | "too-large"
  | "utf8"
  | "json"
  | "not-geojson"
  | "geometry"
  | "coordinates"
  | "id"
  | "antimeridian"
  | "fgb"
  | "index"
  /** The path leads off the app's own origin; `detail` is where it leads (see `resolveAppFile`). */
  | "outside-host"
  /** The path is not a URL at all, e.g. "http://[x.geojson". */
  | "bad-path";

/**
 * Why a data file could not be used; the UI turns `reason` into a sentence in its language. Plain
 * data, kept with the state that holds it (a layer's status, the check's failed layers), so state
 * and UI need not depend on the app's loaders.
 */
export type LoadFailure = {
  /** The file as the user knows it (the catalogue's `source`, or the data path). */
  file: string;
  reason: LoadReason;
  /** Extra detail in the words of the server or parser, e.g. "404 Not Found". */
  detail: string;
  /**
   * The detail in both languages, when the project's own reader found the problem (where in the
   * file, what is wrong, what to do); the UI shows the part in its language instead of `detail`.
   */
  message?: Bilingual;
};
