import type { CheckWorkerFactory } from "../worker/check-runner";
import { workerPort } from "./worker-port";

/**
 * Workers to check with: two, or one on a single-core machine. The shipped layers take about half a
 * second on one core; more workers would each need their own copy of the layers for little gain.
 */
export function checkWorkerCount(): number {
  return Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));
}

/** Starts the check engine in a module Web Worker (bundled by Vite from src/worker/check-worker.ts). */
export const startCheckWorker: CheckWorkerFactory = (onMessage, onFailure) =>
  workerPort(
    new Worker(new URL("../worker/check-worker.ts", import.meta.url), { type: "module" }),
    "check",
    onMessage,
    onFailure,
  );
