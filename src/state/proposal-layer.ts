import type { FeatureCollection } from "geojson";
import type { Rule } from "../core/catalog/rules-schema";
import type { LayerEntry } from "../core/catalog/schema";
import { proposalCandidates } from "../core/proposal/target";
import { type Bbox, collectionBbox } from "./bounds";

/**
 * A proposal loaded in this session: a layer of its own on the map, and in the check in place of
 * the catalogue layer it replaces (the city plan), so it is checked against every higher-level
 * layer as that one is.
 */
export type LoadedProposal = {
  /** The proposal's own layer: the replaced layer's style, level and attributes, its own id. */
  entry: LayerEntry;
  /** Id of the catalogue layer it stands in for in the check. */
  replaces: string;
  /** The input as messages name it. */
  file: string;
  /** Valid features only, WGS84. */
  data: FeatureCollection;
  bbox: Bbox | null;
};

/**
 * The proposal layer's id: not a catalogue id (those are kebab-case, without ":"), so it can never
 * take the place of one in the layer settings or on the map.
 */
export const proposalLayerId = (replaces: string) => `proposal:${replaces}`;

/**
 * The layers a proposal can replace in the app: the city-level layers the rules check as subject
 * (`proposalCandidates`, as the command line's `--proposal`); while there are no rules (none
 * loaded, or a catalogue without a rules file) the city-level polygon layers, so the proposal can
 * still be drawn and compared.
 */
export function proposalTargets(
  layers: readonly LayerEntry[],
  rules: readonly Rule[],
): LayerEntry[] {
  const checked = proposalCandidates(layers, rules);
  return checked.length > 0
    ? checked
    : layers.filter((l) => l.level === "city" && l.geometryType === "polygon");
}

/** The layer a proposal replaces: the one chosen if it can be replaced, else the first there is. */
export function proposalTarget(
  layers: readonly LayerEntry[],
  rules: readonly Rule[],
  chosen: string | null = null,
): LayerEntry | null {
  const targets = proposalTargets(layers, rules);
  return targets.find((l) => l.id === chosen) ?? targets[0] ?? null;
}

/**
 * A proposal read from `file`, standing in for `target`: drawn with its style (the land-use code is
 * under the same attribute), its attribute panel listing the file's own attributes.
 */
export function loadedProposal(
  target: LayerEntry,
  file: string,
  data: FeatureCollection,
): LoadedProposal {
  // the file's own attributes, not the catalogue's list (a consultant's file has its own names)
  const { nameAttribute: _, ...style } = target;
  const entry: LayerEntry = {
    ...style,
    attributes: [],
    id: proposalLayerId(target.id),
    title: { vi: `Phương án: ${file}`, en: `Proposal: ${file}` },
    description: {
      vi: `Phương án nạp từ tệp ${file}, được kiểm tra thay cho lớp “${target.title.vi}”.`,
      en: `Proposal loaded from ${file}, checked in place of “${target.title.en}”.`,
    },
    status: "drafting",
    illustrative: false,
    source: file,
    visible: true,
  };
  return { entry, replaces: target.id, file, data, bbox: collectionBbox(data) };
}
