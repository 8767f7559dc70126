import { createTileHandler } from "./tile-handler";
import type { FromTileWorker, ToTileWorker } from "./tile-protocol";

/**
 * Entry of the tile Web Worker: packed layers cut into vector tiles and drawn as pictures for the map
 * (tile-handler.ts).
 */
const scope = self as unknown as {
  postMessage: (message: FromTileWorker, transfer: Transferable[]) => void;
  onmessage: ((event: MessageEvent<ToTileWorker>) => void) | null;
};

const handle = createTileHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => void handle(event.data);
