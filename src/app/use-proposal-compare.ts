import { useCallback, useEffect, useMemo, useRef } from "react";
import type { LayerData } from "../io/packed-collection";
import { compareHighlightCollection, comparePiecesCollection } from "../map/compare-layers";
import type { ComparisonData } from "../map/map-view";
import { selectedPiece } from "../state/compare-state";
import type { LayerSource } from "../state/load-states";
import { withGeometry } from "../state/piece-geometry";
import type { LoadedProposal } from "../state/proposal-layer";
import { useAppStore } from "../state/store";
import { useCompare } from "./use-compare";

export type ProposalComparison = {
  /** The comparison as the map draws it, or null before one has finished. */
  mapData: ComparisonData | null;
  /** Compares the loaded proposal again (after a cancel or a failure). */
  rerun: () => void;
  cancel: () => void;
};

/**
 * Compares each proposal, once loaded, with the layer it replaces (the current city plan) on the
 * compare worker, and turns the result into map data. A proposal replaced by another starts a new
 * comparison (the old result is dropped at once).
 *
 * The comparison waits while a check runs or is about to (`deferred`): the conflicts are what a
 * consultant looks for first, and the two ran side by side on two cores with the map's workers.
 * With the 100 000-zone bench proposal, its findings were listed in 7.9–13.7 s (median 8.9) with
 * the comparison after the check, against 10.2–12.4 s (median 10.3) beside it
 * (bench-app-proposal, seven loads of each). Waiting on until the check panel had listed them
 * (headline area included) measured no better. `rerun` (the "compare now" button) does not wait.
 */
export function useProposalCompare({
  proposal,
  current,
  landUseKey,
  districts,
  deferred,
}: {
  proposal: LoadedProposal | null;
  /** The replaced layer's source. */
  current: LayerSource | undefined;
  /** The attribute both plans keep land-use codes in (the proposal's is renamed to it). */
  landUseKey: string;
  /** District polygons (property `code`), so pieces name their districts as the CLI does. */
  districts: LayerData | null;
  /** A check runs or is about to: the comparison starts once it is over. */
  deferred: boolean;
}): ProposalComparison {
  const { run, cancel } = useCompare();
  const last = useAppStore((s) => s.compare.last);
  const selected = useAppStore((s) => selectedPiece(s.compare));
  const currentData = current?.status === "ready" ? current.data : null;
  const compared = useRef<LoadedProposal | null>(null);

  const rerun = useCallback(() => {
    if (!proposal || !currentData) return;
    compared.current = proposal;
    run({
      current: currentData,
      proposal: proposal.data,
      options: { attribute: landUseKey, ...(districts ? { districts } : {}) },
    });
  }, [proposal, currentData, landUseKey, districts, run]);

  useEffect(() => {
    if (deferred || !proposal || !currentData || compared.current === proposal) return;
    // a task of its own: the proposal's copy to the worker (~30 ms for 100 000 zones) is not
    // added to the one that renders the check's results, which ends `deferred`
    const start = setTimeout(rerun, 0);
    return () => clearTimeout(start);
  }, [deferred, proposal, currentData, rerun]);

  const pieces = useMemo(
    () =>
      last
        ? (last.mapPieces ?? comparePiecesCollection(last.comparison.pieces, last.colors))
        : null,
    [last],
  );
  const mapData = useMemo(
    () =>
      pieces
        ? {
            pieces,
            highlight: compareHighlightCollection(
              selected && last ? withGeometry(last.comparison.pieces, selected) : selected,
            ),
          }
        : null,
    [pieces, selected, last],
  );
  return { mapData, rerun, cancel };
}
