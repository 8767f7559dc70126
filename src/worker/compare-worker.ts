import { createCompareHandler } from "./compare-handler";
import { compareMessages } from "./compare-parts";
import type { FromCompareWorker, ToCompareWorker } from "./compare-protocol";

/**
 * Entry of the compare Web Worker: the comparison of a proposal with the current city plan runs
 * here, never on the page's thread, so the map stays responsive while it clips.
 */
const scope = self as unknown as {
  postMessage: (message: FromCompareWorker, transfer: Transferable[]) => void;
  onmessage: ((event: MessageEvent<ToCompareWorker>) => void) | null;
};

// a result goes as parts the page reads a task each (see compareMessages)
const handle = createCompareHandler((message) => {
  for (const [part, transfer] of compareMessages(message)) scope.postMessage(part, transfer);
});
scope.onmessage = (event) => handle(event.data);
