import { useEffect, useRef, useState } from "react";
import type { LayerData } from "../io/packed-collection";
import type { CheckDataState } from "../state/check-data";
import type { LayerSource } from "../state/load-states";
import type { LoadedProposal } from "../state/proposal-layer";
import { useAppStore } from "../state/store";
import type { CheckController } from "./use-check";

/** The check to start once the check data holds `data` as layer `layer`. */
type Pending = { layer: string; data: LayerData };

/**
 * Checks the plan again whenever the proposal changes: a proposal just loaded is checked against
 * every higher-level layer; once it is removed, the layer it replaced is checked again (if a check
 * had been run), so the findings listed always belong to the plan on the map. Each run waits until
 * the workers' data holds the new layer.
 *
 * @returns whether the loaded proposal's check is still to start (the comparison waits for it)
 */
export function useProposalCheck(
  proposal: LoadedProposal | null,
  checkSources: Record<string, LayerSource>,
  check: CheckController,
): boolean {
  const [pending, setPending] = useState<Pending | null>(null);
  /** The layer data whose check was started last. */
  const [started, setStarted] = useState<LayerData | null>(null);
  const previous = useRef<LoadedProposal | null>(proposal);
  const hasRun = useAppStore((s) => s.check.last !== null);

  useEffect(() => {
    const before = previous.current;
    if (before === proposal) return;
    previous.current = proposal;
    if (proposal) {
      setPending({ layer: proposal.replaces, data: proposal.data });
      return;
    }
    const restored = before ? checkSources[before.replaces] : undefined;
    if (before && hasRun && restored?.status === "ready")
      setPending({ layer: before.replaces, data: restored.data });
  }, [proposal, checkSources, hasRun]);

  const { data, run } = check;
  useEffect(() => {
    if (!pending || data?.status !== "ready") return;
    if (data.data.layers[pending.layer] !== pending.data) return;
    setPending(null);
    setStarted(pending.data);
    run();
  }, [pending, data, run]);

  return proposal !== null && started !== proposal.data && willCheck(data, proposal.replaces);
}

/**
 * Whether the check data will hold `layer` (a layer some rule reads): not when the rules did not
 * load (no data), nor when no rule reads the layer the proposal replaces; its check would never
 * start.
 */
function willCheck(data: CheckDataState | null, layer: string): boolean {
  if (!data) return false;
  if (data.status === "waiting") return true;
  return Object.hasOwn(data.data.layers, layer);
}
