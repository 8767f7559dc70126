import { useEffect, useRef, useState } from "react";
import type { Finding } from "../core/check/index";
import { type PreparedRun, type PrepareInputs, prepareRun } from "../state/prepare-run";

/**
 * Runs with more findings than this are prepared a step per task before they are listed; smaller
 * ones are listed in the render that brings them, as they always were.
 */
export const PREPARE_IN_STEPS_FROM = 1000;

/**
 * A large run's lists, worked out a step per task (`prepareRun`) with the panel's latest inputs.
 * Null until its steps are done (the panel says it is preparing the list), and for a small run
 * (listed at once). A newer run stops the steps of the one before.
 */
export function usePreparedRun(
  findings: readonly Finding[],
  inputs: PrepareInputs,
): PreparedRun | null {
  const latest = useRef(inputs);
  latest.current = inputs;
  const [prepared, setPrepared] = useState<PreparedRun | null>(null);
  const large = findings.length > PREPARE_IN_STEPS_FROM;
  useEffect(() => {
    if (!large) return;
    const abort = new AbortController();
    void prepareRun(findings, () => latest.current, { signal: abort.signal }).then((run) => {
      if (run) setPrepared(run);
    });
    return () => abort.abort();
  }, [findings, large]);
  return large && prepared?.findings === findings ? prepared : null;
}
