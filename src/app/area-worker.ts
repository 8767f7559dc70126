import type { AreaWorkerFactory } from "../worker/area-client";
import { workerPort } from "./worker-port";

/** Starts the headline area's worker (bundled by Vite from src/worker/area-worker.ts). */
export const startAreaWorker: AreaWorkerFactory = (onMessage, onFailure) =>
  workerPort(
    new Worker(new URL("../worker/area-worker.ts", import.meta.url), { type: "module" }),
    "area",
    onMessage,
    onFailure,
  );
