import type { FeatureCollection } from "geojson";
import { readFlatGeobuf } from "../io/fgb-reader";

/** Why a data file could not be used; the UI turns `reason` into a sentence in its language. */
export type LoadFailure = {
  /** The file as the user knows it (the catalogue's `source`, or the data path). */
  file: string;
  reason:
    | "http"
    | "network"
    | "not-found"
    | "json"
    | "not-geojson"
    | "fgb"
    | "index"
    /** The path leads off the app's own origin; `detail` is where it leads (see `resolveAppFile`). */
    | "outside-host"
    /** The path is not a URL at all, e.g. "http://[x.geojson". */
    | "bad-path";
  /** Extra detail in the words of the server or parser, e.g. "404 Not Found". */
  detail: string;
};

/** Thrown by the loaders; carries a {@link LoadFailure}. */
export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(`${failure.file}: ${failure.reason} ${failure.detail}`);
    this.name = "LoadError";
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fetches a file, failing unless the answer is the file itself. A static server's single-page
 * fallback answers a missing file with the app's own HTML page and status 200, so an HTML answer
 * counts as "not found".
 */
async function fetchFile(url: URL, file: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LoadError({ file, reason: "network", detail: message(error) });
  }
  if (response.status === 404) {
    throw new LoadError({ file, reason: "not-found", detail: "404" });
  }
  if (!response.ok) {
    throw new LoadError({
      file,
      reason: "http",
      detail: `${response.status} ${response.statusText}`.trim(),
    });
  }
  if ((response.headers.get("content-type") ?? "").includes("text/html")) {
    throw new LoadError({ file, reason: "not-found", detail: "text/html" });
  }
  return response;
}

/** Fetches and parses a JSON file, failing with the file name and the parser's message. */
export async function loadJson(url: URL, file: string): Promise<unknown> {
  const response = await fetchFile(url, file);
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LoadError({ file, reason: "json", detail: message(error) });
  }
}

function asFeatureCollection(json: unknown, file: string): FeatureCollection {
  const candidate = json as { type?: unknown; features?: unknown };
  if (
    typeof json !== "object" ||
    json === null ||
    candidate.type !== "FeatureCollection" ||
    !Array.isArray(candidate.features)
  ) {
    throw new LoadError({ file, reason: "not-geojson", detail: "FeatureCollection expected" });
  }
  const bad = (candidate.features as unknown[]).findIndex(
    (f) => typeof f !== "object" || f === null || (f as { type?: unknown }).type !== "Feature",
  );
  if (bad >= 0) {
    throw new LoadError({
      file,
      reason: "not-geojson",
      detail: `features[${bad}] is not a Feature`,
    });
  }
  return json as FeatureCollection;
}

/**
 * Loads a layer file as a FeatureCollection: `.geojson`/`.json` as JSON, `.fgb` through the
 * project's FlatGeobuf reader over the whole file (layers are small enough to read at once), which
 * restores the GeoJSON ids the data step stored, so features keep the ids the check and the command
 * line know them by (FlatGeobuf's own reader would number them instead).
 *
 * @param url - absolute URL to fetch
 * @param file - the name to show in errors, e.g. "sector/ring-roads.geojson"
 */
export async function loadFeatureCollection(url: URL, file: string): Promise<FeatureCollection> {
  if (!/\.fgb$/i.test(url.pathname)) return asFeatureCollection(await loadJson(url, file), file);
  const response = await fetchFile(url, file);
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    return await readFlatGeobuf(bytes);
  } catch (error) {
    throw new LoadError({ file, reason: "fgb", detail: message(error) });
  }
}

/** The failure behind any error a loader threw (unexpected errors become network failures). */
export function toLoadFailure(error: unknown, file: string): LoadFailure {
  return error instanceof LoadError
    ? error.failure
    : { file, reason: "network", detail: message(error) };
}
