import type { FeatureCollection } from "geojson";
import { useEffect, useRef, useState } from "react";
import type { LayerSource } from "../state/load-states";
import type { LoadedProposal } from "../state/proposal-layer";
import { useAppStore } from "../state/store";
import type { CheckController } from "./use-check";

/** The check to start once the check data holds `data` as layer `layer`. */
type Pending = { layer: string; data: FeatureCollection };

/**
 * Checks the plan again whenever the proposal changes: a proposal just loaded is checked against
 * every higher-level layer; once it is removed, the layer it replaced is checked again (if a check
 * had been run), so the findings listed always belong to the plan on the map. Each run waits until
 * the workers' data holds the new layer.
 */
export function useProposalCheck(
  proposal: LoadedProposal | null,
  checkSources: Record<string, LayerSource>,
  check: CheckController,
): void {
  const [pending, setPending] = useState<Pending | null>(null);
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
    run();
  }, [pending, data, run]);
}
