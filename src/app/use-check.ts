import type { FeatureCollection } from "geojson";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Catalog } from "../core/catalog/parse-catalog";
import { splitRunnable } from "../state/check-coverage";
import { buildCheckData, type CheckDataState } from "../state/check-data";
import { checkedRules } from "../state/check-state";
import type { LayerSource } from "../state/load-states";
import { useAppStore, useDispatch } from "../state/store";
import { CheckRunner } from "../worker/check-runner";
import { checkWorkerCount, startCheckWorker } from "./check-workers";
import { frameProgress } from "./frame-progress";
import { useRules } from "./use-rules";

export type CheckController = {
  /** The data the workers check, as the store holds it (`resources.checkData`). */
  data: CheckDataState | null;
  /**
   * Checks the ticked rules whose layers loaded (the others are recorded in the run as not run); a
   * run in progress is replaced. Does nothing when none of them can run.
   */
  run: () => void;
  cancel: () => void;
};

export type CheckInputs = {
  catalog: Catalog | null;
  /** Where the catalogue was fetched from; the rules file is relative to it. */
  catalogUrl: URL;
  /** The catalogue's path as users see it in messages. */
  catalogFile: string;
  sources: Record<string, LayerSource>;
  /** The base map's districts, used when the catalogue has no district layer. */
  baseDistricts: FeatureCollection | null;
  /** The check panel is open: start the workers and hand them the layers ahead of a run. */
  active: boolean;
};

/**
 * The check panel's engine room: loads the rules, gathers the layers once they have loaded, runs the
 * check on Web Workers and puts rules, data and results in the store. Progress reaches React at most once per frame.
 */
export function useCheck({
  catalog,
  catalogUrl,
  catalogFile,
  sources,
  baseDistricts,
  active,
}: CheckInputs): CheckController {
  const rules = useRules(catalog, catalogUrl, catalogFile);
  const unchecked = useAppStore((s) => s.check.unchecked);
  const dispatch = useDispatch();
  const runnerRef = useRef<CheckRunner | null>(null);
  const runIdRef = useRef(0);

  useEffect(() => {
    const runner = new CheckRunner(startCheckWorker, checkWorkerCount());
    runnerRef.current = runner;
    return () => {
      runner.dispose();
      runnerRef.current = null;
    };
  }, []);

  const validRules = rules.status === "ready" ? rules.rules : null;
  const data = useMemo(
    () =>
      catalog && validRules
        ? buildCheckData(catalog.layers, validRules, sources, baseDistricts)
        : null,
    [catalog, validRules, sources, baseDistricts],
  );
  // The same data object for as long as the layers stay the same, so workers receive it once.
  const stableData = useStable(data);
  useEffect(() => {
    dispatch({ type: "resources", patch: { rules, checkData: stableData } });
  }, [dispatch, rules, stableData]);

  useEffect(() => {
    if (active && stableData?.status === "ready") runnerRef.current?.warm(stableData.data);
  }, [active, stableData]);

  const run = useCallback(() => {
    const runner = runnerRef.current;
    if (!runner || !validRules || stableData?.status !== "ready") return;
    const ids = checkedRules(
      { unchecked },
      validRules.map((r) => r.id),
    );
    const selected = validRules.filter((r) => ids.includes(r.id));
    // Rules reading a layer that did not load are not sent: the run records why they did not run.
    const { runnable, blocked } = splitRunnable(selected, stableData.failed);
    if (runnable.length === 0) return;
    const runId = ++runIdRef.current;
    dispatch({ type: "run-started", runId });
    const progress = frameProgress((done, total) =>
      dispatch({ type: "run-progress", runId, done, total }),
    );
    void runner.run(stableData.data, runnable, progress.report).then((outcome) => {
      progress.stop();
      switch (outcome.status) {
        case "done":
          dispatch({
            type: "run-done",
            runId,
            run: {
              result: outcome.result,
              rules: ids,
              elapsedMs: outcome.elapsedMs,
              skipped: blocked,
            },
          });
          return;
        case "failed":
          dispatch({ type: "run-failed", runId, message: outcome.message });
          return;
        case "cancelled":
          dispatch({ type: "run-cancelled", runId });
          return;
      }
    });
  }, [unchecked, validRules, stableData, dispatch]);

  const cancel = useCallback(() => runnerRef.current?.cancel(), []);

  return { data: stableData, run, cancel };
}

/**
 * Keeps the previous check data while the layers it holds are the same objects: the layer sources
 * record changes identity whenever any layer (even one no rule reads) settles.
 */
function useStable(next: CheckDataState | null): CheckDataState | null {
  const [stable, setStable] = useState(next);
  if (sameData(stable, next)) return stable;
  // React's pattern for keeping information from previous renders: set state while rendering.
  setStable(next);
  return next;
}

function sameData(a: CheckDataState | null, b: CheckDataState | null): boolean {
  if (a === b) return true;
  if (a?.status !== "ready" || b?.status !== "ready") return false;
  const keys = Object.keys(b.data.layers);
  return (
    a.data.districts === b.data.districts &&
    keys.length === Object.keys(a.data.layers).length &&
    keys.every((k) => a.data.layers[k] === b.data.layers[k]) &&
    a.failed.map((f) => f.layer).join() === b.failed.map((f) => f.layer).join()
  );
}
