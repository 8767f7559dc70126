import { createCheckHandler } from "./check-handler";
import type { FromCheckWorker, ToCheckWorker } from "./check-protocol";

/**
 * Entry of the check Web Worker: the engine runs here, never on the page's thread, so the map and
 * the panel stay responsive while rules are checked.
 */
const scope = self as unknown as {
  postMessage: (message: FromCheckWorker) => void;
  onmessage: ((event: MessageEvent<ToCheckWorker>) => void) | null;
};

const handle = createCheckHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
