import type { FeatureCollection } from "geojson";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Catalog } from "../core/catalog/parse-catalog";
import type { Rule } from "../core/catalog/rules-schema";
import { splitRunnable } from "../state/check-coverage";
import { buildCheckData, type CheckDataState, type LayerFailure } from "../state/check-data";
import { type CheckState, checkedRules } from "../state/check-state";
import type { LayerSource } from "../state/load-states";
import { useAppStore, useDispatch } from "../state/store";
import type { CheckRunner, RunOutcome } from "../worker/check-runner";
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
  const runIdRef = useRef(0);
  const runner = useCheckRunner();

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

  // Warm the workers with the layers and the ticked rules, so a click finds them checked.
  const warmRules = useMemo(
    () =>
      validRules && stableData?.status === "ready"
        ? runnableRules(validRules, unchecked, stableData.failed).runnable
        : null,
    [validRules, unchecked, stableData],
  );
  useEffect(() => {
    if (active && stableData?.status === "ready" && warmRules) {
      // a chunk that cannot load is reported by the run that needs it
      runner()?.then(
        (r) => r?.warm(stableData.data, warmRules),
        () => undefined,
      );
    }
  }, [active, stableData, warmRules, runner]);

  const run = useCallback(() => {
    const started = runner();
    if (!started || !validRules || stableData?.status !== "ready") return;
    const { ids, runnable, blocked } = runnableRules(validRules, unchecked, stableData.failed);
    if (runnable.length === 0) return;
    const runId = ++runIdRef.current;
    dispatch({ type: "run-started", runId });
    const progress = frameProgress((done, total) =>
      dispatch({ type: "run-progress", runId, done, total }),
    );
    void started.then(
      async (loaded) => {
        const outcome: RunOutcome = loaded
          ? await loaded.run(stableData.data, runnable, progress.report)
          : { status: "cancelled" };
        progress.stop();
        switch (outcome.status) {
          case "done":
            // drawn in a task of its own, after the merge's (a large run's list, map and totals)
            await new Promise((resolve) => setTimeout(resolve, 0));
            dispatch({
              type: "run-done",
              runId,
              run: {
                result: outcome.result,
                rules: ids,
                elapsedMs: outcome.elapsedMs,
                skipped: blocked,
                ...(outcome.drawn ? { drawn: outcome.drawn } : {}),
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
      },
      (error: unknown) => {
        // the check's chunk did not load (offline, or replaced by a newer build on the server)
        progress.stop();
        const message = error instanceof Error ? error.message : String(error);
        dispatch({ type: "run-failed", runId, message });
      },
    );
  }, [unchecked, validRules, stableData, dispatch, runner]);

  const cancel = useCallback(() => {
    runner()?.then(
      (r) => r?.cancel(),
      () => undefined,
    );
  }, [runner]);

  return { data: stableData, run, cancel };
}

/**
 * The ticked rules, and of them those that can run: rules reading a layer that did not load are
 * not sent (the run records why they did not run).
 */
function runnableRules(
  rules: readonly Rule[],
  unchecked: CheckState["unchecked"],
  failed: LayerFailure[],
) {
  const ids = checkedRules(
    { unchecked },
    rules.map((r) => r.id),
  );
  return {
    ids,
    ...splitRunnable(
      rules.filter((r) => ids.includes(r.id)),
      failed,
    ),
  };
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

/**
 * The check's worker pool, its code loaded the first time it is asked for (the check tab opened, a
 * run): the check engine is a chunk of its own, not part of what the first picture waits for. The
 * getter gives null once the app has gone; its promise gives null if the app went while it loaded.
 */
function useCheckRunner(): () => Promise<CheckRunner | null> | null {
  const state = useRef<{ runner: Promise<CheckRunner | null> | null; gone: boolean }>({
    runner: null,
    gone: false,
  });
  useEffect(() => {
    const current = state.current;
    current.gone = false;
    return () => {
      current.gone = true;
      current.runner?.then(
        (r) => r?.dispose(),
        () => undefined,
      );
      current.runner = null;
    };
  }, []);
  return useCallback(() => {
    const current = state.current;
    if (current.gone) return null;
    current.runner ??= import("../worker/check-runner").then(({ CheckRunner }) =>
      current.gone ? null : new CheckRunner(startCheckWorker, checkWorkerCount()),
    );
    return current.runner;
  }, []);
}
