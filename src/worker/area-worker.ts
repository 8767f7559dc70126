import { createAreaHandler } from "./area-handler";
import type { FromAreaWorker, ToAreaWorker } from "./area-protocol";

/**
 * Entry of the area Web Worker: the headline area's unions (a second or more for a large
 * proposal's findings) run here, never on the page's thread.
 */
const scope = self as unknown as {
  postMessage: (message: FromAreaWorker) => void;
  onmessage: ((event: MessageEvent<ToAreaWorker>) => void) | null;
};

const handle = createAreaHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
