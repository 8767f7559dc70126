import type { FeatureFilter, Rule } from "../catalog/rules-schema";
import type { LayerEntry } from "../catalog/schema";
import { DEFAULT_LAND_USE_ATTRIBUTE, holdCodes } from "../check/land-use-attribute";
import { descriptorOfType } from "../check/rules/descriptors";

/*
 * Which layer a proposal stands in for, and under which attribute its land-use codes go: one answer
 * for the app's import and the command line's --proposal.
 */

/**
 * The layers a proposal can replace: the city-level layers the rules take as subject, in catalogue
 * order (the city plan is what a consultant's proposal redraws; it is checked as the plan was).
 */
export function proposalCandidates(
  layers: readonly LayerEntry[],
  rules: readonly Rule[],
): LayerEntry[] {
  const subjects = new Set(rules.map((r) => r.subject.layer));
  return layers.filter((l) => l.level === "city" && subjects.has(l.id));
}

/**
 * The attribute the rules read land-use codes from on `layer` — a filter on it whose values are
 * codes, or the attribute a compatibility matrix of codes reads — so a proposal's code attribute,
 * whatever the file calls it, is renamed to it. When no rule says: the attribute the layer's
 * categorised style colours by, else the catalogue's usual name.
 */
type LayerSelectionLike = { layer: string; filter?: FeatureFilter | undefined };

export function codeAttributeOf(rules: readonly Rule[], layer: LayerEntry): string {
  const { id } = layer;
  for (const rule of rules) {
    const selections: LayerSelectionLike[] = [rule.subject];
    if ("constraint" in rule && rule.constraint) selections.push(rule.constraint);
    for (const { layer, filter } of selections) {
      if (layer === id && filter && holdCodes(filter.in)) return filter.attribute;
    }
    // what the rule's type reads besides its filters: a compatibility matrix of codes
    const reads = descriptorOfType(rule.type)?.attributes?.(rule) ?? [];
    for (const read of reads) {
      if (read.codes && read.layer === id) return read.attribute;
    }
  }
  return layer.style.type === "categorised" ? layer.style.attribute : DEFAULT_LAND_USE_ATTRIBUTE;
}
