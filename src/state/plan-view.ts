import type { LayerSettings } from "./layer-settings";
import type { LoadedProposal } from "./proposal-layer";

/** Which plan the map shows under the comparison. */
export type PlanView = "both" | "before" | "after";

/** The view the layer settings amount to: the current plan, the proposal, or both shown. */
export function planViewOf(settings: LayerSettings, proposal: LoadedProposal): PlanView | null {
  const before = settings[proposal.replaces]?.visible ?? false;
  const after = settings[proposal.entry.id]?.visible ?? false;
  if (before && after) return "both";
  if (before) return "before";
  if (after) return "after";
  return null;
}
