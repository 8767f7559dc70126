import { createCompareHandler } from "./compare-handler";
import type { FromCompareWorker, ToCompareWorker } from "./compare-protocol";

/**
 * Entry of the compare Web Worker: the comparison of a proposal with the current city plan runs
 * here, never on the page's thread, so the map stays responsive while it clips.
 */
const scope = self as unknown as {
  postMessage: (message: FromCompareWorker) => void;
  onmessage: ((event: MessageEvent<ToCompareWorker>) => void) | null;
};

const handle = createCompareHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
