import type { LayerEntry } from "../core/catalog/schema";
import type { Language } from "./url-state";

/**
 * Whom the metadata card credits for a layer's data: the catalogue's `attribution`, else for
 * illustrative geometry the sentence `illustrative(instrument)` builds, else the agency. Never the
 * layer's file path.
 */
export function layerAttribution(
  layer: LayerEntry,
  lang: Language,
  words: { illustrative: (instrument: string) => string },
): string {
  if (layer.attribution) return layer.attribution[lang];
  if (layer.illustrative) return words.illustrative(layer.legalBasis.instrument);
  return layer.agency[lang];
}
