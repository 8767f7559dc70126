import { loadFeatureCollection } from "../app/load-layer-file";
import { toLoadFailure } from "../app/load-source";
import type { FromLayerLoadWorker, ToLayerLoadWorker } from "./layer-load-protocol";

/**
 * Reads one layer file for the page and answers with the collection or the failure. Requests run
 * side by side (their fetches overlap); each is answered on its own.
 */
export function createLayerLoadHandler(
  post: (message: FromLayerLoadWorker) => void,
  load = loadFeatureCollection,
): (request: ToLayerLoadWorker) => Promise<void> {
  return async ({ id, url, file, kind }) => {
    try {
      post({ id, ok: true, data: await load(new URL(url), file, kind) });
    } catch (error) {
      post({ id, ok: false, failure: toLoadFailure(error, file) });
    }
  };
}
