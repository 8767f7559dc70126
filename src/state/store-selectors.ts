import type { Catalog } from "../core/catalog/parse-catalog";
import type { Rule } from "../core/catalog/rules-schema";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding } from "../core/check/index";
import { DEFAULT_LAND_USE_ATTRIBUTE } from "../core/check/land-use-attribute";
import { codeAttributeOf } from "../core/proposal/target";
import type { SaveState } from "./flag-store/index";
import { proposalTarget } from "./proposal-layer";
import type { StoreState } from "./store";

/*
 * Values read from the store by several components. Each returns an object already in the state (or
 * a constant), never a new one, so `useAppStore(selector)` re-renders only on a real change.
 */

const NO_FINDINGS: Finding[] = [];
const NO_RULES: Rule[] = [];

/** The valid catalogue, or null while it loads or when it failed. */
export const catalogOf = (s: StoreState): Catalog | null =>
  s.resources.catalog.status === "ready" ? s.resources.catalog.catalog : null;

/** The valid rules (none while they load or when they failed). */
export const rulesOf = (s: StoreState): Rule[] =>
  s.resources.rules.status === "ready" ? s.resources.rules.rules : NO_RULES;

/** The layer a proposal replaces: the city plan the rules check (see {@link proposalTarget}). */
export const importTarget = (s: StoreState): LayerEntry | null => {
  const catalog = catalogOf(s);
  return catalog ? proposalTarget(catalog.layers, rulesOf(s), s.app.importTarget) : null;
};

/**
 * The attribute the import renames the proposal's land-use codes to, and the comparison reads:
 * the one the rules read on `layer` (see `codeAttributeOf`).
 */
export const landUseKeyFor = (s: StoreState, layer: LayerEntry | null): string =>
  layer ? codeAttributeOf(rulesOf(s), layer) : DEFAULT_LAND_USE_ATTRIBUTE;

/** The catalogue layer the loaded proposal stands in for, if one is loaded. */
export const replacedLayer = (s: StoreState): LayerEntry | null => {
  const { proposal } = s.app;
  return (proposal && catalogOf(s)?.layers.find((l) => l.id === proposal.replaces)) ?? null;
};

/** Findings of the last finished run (empty before the first). */
export const findingsOf = (s: StoreState): Finding[] =>
  s.check.last?.result.findings ?? NO_FINDINGS;

/** The finding shown on the map, if it is among the last run's findings. */
export const selectedFinding = (s: StoreState): Finding | null => {
  const id = s.check.selected;
  return id === null ? null : (findingsOf(s).find((f) => f.id === id) ?? null);
};

/** Flag events held only in this page's memory (not yet stored): a reason to warn before closing. */
export const unsavedEvents = (save: SaveState | undefined): boolean =>
  save !== undefined && save.kind !== "saved" && save.pending > 0;

/** A check is running (the app's `data-checking`; a loaded proposal's comparison waits for it). */
export const checkRunning = (s: StoreState): boolean => s.check.running !== null;
