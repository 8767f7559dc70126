import type { Bilingual } from "../core/validate/validation-issue";

/**
 * Why a file could not be fetched or used, where the app itself finds out (the network, the
 * server, the path, the district index): the UI words these (`load.reason.*`).
 */
export type FetchReason =
  | "http"
  | "network"
  | "not-found"
  | "index"
  /** The path leads off the app's own origin; `detail` is where it leads (see `resolveAppFile`). */
  | "outside-host"
  /** The path is not a URL at all, e.g. "http://[x.geojson". */
  | "bad-path";

/** What the project's readers found wrong in a file's content; they word it themselves. */
export type ReadReason =
  | "too-large"
  | "utf8"
  | "json"
  | "not-geojson"
  | "geometry"
  | "coordinates"
  | "id"
  | "antimeridian"
  | "fgb";

export type LoadReason = FetchReason | ReadReason;

/**
 * Why a data file could not be used. Plain data, kept with the state that holds it (a layer's
 * status, the check's failed layers), so state and UI need not depend on the app's loaders. The
 * UI says a reader's problem in the reader's own words (`message`, the same the CLI prints) and
 * words the other reasons itself: one sentence for each failure, never both.
 */
export type LoadFailure =
  | {
      /** The file as the user knows it (the catalogue's `source`, or the data path). */
      file: string;
      reason: FetchReason;
      /** In the words of the server or the browser, e.g. "404 Not Found". */
      detail: string;
      message?: never;
    }
  | {
      file: string;
      reason: ReadReason;
      /** `message.en`, for logs and the error's own message. */
      detail: string;
      /** Where in the file, what is wrong and what to do, in both languages. */
      message: Bilingual;
    };
