import type { FeatureCollection } from "geojson";
import { layerFromRead } from "../core/proposal/layer-from-read";
import type { SizeLimit } from "../core/validate/size-limit";
import type { GeometryKind } from "../core/validate/validate-layer";
import { BROWSER_MAX_FGB_BYTES, FGB_TOO_LARGE_ADVICE } from "../io/fgb-limits";
import { DEFAULT_READ_LIMITS, LAYER_LIMIT } from "../io/read-limits";
import { formatOfName, preloadReaderFor, readSource } from "../io/registry";
import { fetchBytes, issuesError } from "./load-source";

/*
 * Apart from load-source.ts (fetching, JSON, the errors): this reads layer files with every format
 * reader, the CRS and the validation behind them, and runs in the layer-loading worker
 * (src/worker/layer-load-worker.ts), so none of it is in the page's entry chunk.
 */

/** FlatGeobuf layers: what a tab's heap holds once decoded (see `BROWSER_MAX_FGB_BYTES`). */
const FGB_LIMIT: SizeLimit = { bytes: BROWSER_MAX_FGB_BYTES, advice: FGB_TOO_LARGE_ADVICE };

/**
 * Loads a layer file as a FeatureCollection of `kind` geometries: its bytes fetched under the
 * size limit of its format (a FlatGeobuf's decoded size, else what a text can be), then the one
 * path every layer takes — the format registry's reader (recognised by content, then by the name)
 * and {@link layerFromRead} (CRS, WGS84, `validateLayer`) — so a file is accepted or refused
 * alike by the app, the CLI and the data step. A FlatGeobuf keeps the GeoJSON ids the data step
 * stored, so features keep the ids the check and the command line know them by.
 *
 * @param url - absolute URL to fetch
 * @param file - the name to show in errors, e.g. "sector/ring-roads.geojson"
 * @param kind - the geometry kind the layer holds (the catalogue's `geometryType`)
 */
export async function loadFeatureCollection(
  url: URL,
  file: string,
  kind: GeometryKind,
): Promise<FeatureCollection> {
  const limit = formatOfName(url.pathname) === "fgb" ? FGB_LIMIT : LAYER_LIMIT;
  preloadReaderFor(url.pathname);
  const bytes = await fetchBytes(url, file, limit);
  const result = await readSource([{ name: file, bytes }], {
    limits: { ...DEFAULT_READ_LIMITS, maxBytes: limit.bytes },
  });
  const { collection, issues } = layerFromRead(result, kind);
  if (!collection) throw issuesError(file, issues, result.format);
  return collection;
}
