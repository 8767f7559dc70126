import type { WorkerPort } from "../worker/one-worker-runner";

/**
 * The page's side of a module Web Worker: its messages go to `onMessage`; a script that fails to
 * load or a message that cannot be read goes to `onFailure`, named after the worker.
 */
export function workerPort<To, From>(
  worker: Worker,
  name: string,
  onMessage: (message: From) => void,
  onFailure: (message: string) => void,
): WorkerPort<To> {
  worker.onmessage = (event: MessageEvent<From>) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onFailure(event.message || `${name} worker failed to start`);
  };
  worker.onmessageerror = () => onFailure(`${name} worker sent a message that could not be read`);
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    terminate: () => worker.terminate(),
  };
}
