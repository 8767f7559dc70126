/**
 * Workers that run a real message loop (`createHandler`, e.g. `createCheckHandler`) in this thread,
 * passing messages as a Web Worker does: a task later, structured-cloned. Records what each was sent
 * and whether it was terminated. With `firstStuck`, the first worker is busy in one long unit: it
 * hears nothing until terminated.
 */
export function inProcessWorkers<To, From>(
  createHandler: (post: (message: From) => void) => (message: To) => void,
  options: { firstStuck?: boolean } = {},
) {
  const started: { sent: To[]; terminated: boolean }[] = [];
  const factory = (onMessage: (message: From) => void) => {
    const record = { sent: [] as To[], terminated: false };
    started.push(record);
    const handle = createHandler((message) => {
      const copy = structuredClone(message);
      setTimeout(() => {
        if (!record.terminated) onMessage(copy);
      }, 0);
    });
    return {
      post: (message: To) => {
        record.sent.push(message);
        if (options.firstStuck && record === started[0]) return;
        const copy = structuredClone(message);
        setTimeout(() => {
          if (!record.terminated) handle(copy);
        }, 0);
      },
      terminate: () => {
        record.terminated = true;
      },
    };
  };
  return { factory, started };
}
