import { createCheckHandler } from "./check-handler";
import { checkMessages } from "./check-parts";
import type { FromCheckWorker, ToCheckWorker } from "./check-protocol";

/**
 * Entry of the check Web Worker: the engine runs here, never on the page's thread, so the map and
 * the panel stay responsive while rules are checked.
 */
const scope = self as unknown as {
  postMessage: (message: FromCheckWorker) => void;
  onmessage: ((event: MessageEvent<ToCheckWorker>) => void) | null;
};

// a result goes as parts the page reads a task each (see checkMessages)
const handle = createCheckHandler((message) => {
  for (const part of checkMessages(message)) scope.postMessage(part);
});
scope.onmessage = (event) => handle(event.data);
