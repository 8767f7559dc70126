import { useCallback, useEffect, useRef } from "react";
import { useDispatch } from "../state/store";
import type { CompareRequest } from "../worker/compare-protocol";
import { CompareRunner, type CompareWorkerFactory } from "../worker/compare-runner";
import { startCompareWorker } from "./compare-workers";
import { frameProgress } from "./frame-progress";

/** What {@link useCompare} gives the app. */
export type CompareController = {
  /** Compares on the worker; a comparison in progress is replaced. */
  run: (request: CompareRequest) => void;
  cancel: () => void;
};

/**
 * The comparison's engine room: one compare worker for the component's life (started on the first
 * run), the latest run's state in the store, progress reaching React at most once per frame.
 */
export function useCompare(factory: CompareWorkerFactory = startCompareWorker): CompareController {
  const dispatch = useDispatch();
  const runnerRef = useRef<CompareRunner | null>(null);
  const runIdRef = useRef(0);

  useEffect(() => {
    const runner = new CompareRunner(factory);
    runnerRef.current = runner;
    return () => {
      runner.dispose();
      runnerRef.current = null;
    };
  }, [factory]);

  const run = useCallback(
    (request: CompareRequest) => {
      const runner = runnerRef.current;
      if (!runner) return;
      const runId = ++runIdRef.current;
      dispatch({ type: "compare-started", runId });
      const progress = frameProgress((done, total) =>
        dispatch({ type: "compare-progress", runId, done, total }),
      );
      void runner.run(request, progress.report).then((outcome) => {
        progress.stop();
        switch (outcome.status) {
          case "done":
            dispatch({
              type: "compare-done",
              runId,
              comparison: outcome.comparison,
              mapPieces: outcome.mapPieces,
              elapsedMs: outcome.elapsedMs,
            });
            return;
          case "failed":
            dispatch({ type: "compare-failed", runId, message: outcome.message });
            return;
          case "cancelled":
            dispatch({ type: "compare-cancelled", runId });
            return;
        }
      });
    },
    [dispatch],
  );

  const cancel = useCallback(() => runnerRef.current?.cancel(), []);
  return { run, cancel };
}
