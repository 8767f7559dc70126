import { createLayerLoadHandler } from "./layer-load-handler";
import type { FromLayerLoadWorker, ToLayerLoadWorker } from "./layer-load-protocol";

/**
 * Entry of the layer-loading Web Worker: the plan's layer files and the base map's areas are
 * fetched, decoded (FlatGeobuf, GeoJSON…), reprojected and validated here, not on the page's
 * thread, which only receives the finished collections; the readers and the CRS library stay out
 * of the page's entry chunk.
 */
const scope = self as unknown as {
  postMessage: (message: FromLayerLoadWorker) => void;
  onmessage: ((event: MessageEvent<ToLayerLoadWorker>) => void) | null;
};

const handle = createLayerLoadHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => void handle(event.data);
