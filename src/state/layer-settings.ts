import type { LayerEntry } from "../core/catalog/schema";
import type { LayerSetting } from "./url-state";

/** How one plan layer is shown. `opacity` is 0–1. */
export type LayerSettings = Record<string, { visible: boolean; opacity: number }>;

/**
 * The first settings for a catalogue: a link's layer list wins (listed layers visible with the
 * link's opacity, every other layer hidden), otherwise the catalogue's own defaults. Ids in the
 * link that the catalogue lacks are ignored.
 */
export function initialLayerSettings(
  layers: readonly LayerEntry[],
  fromUrl: readonly LayerSetting[] | undefined,
): LayerSettings {
  const settings: LayerSettings = {};
  const linked = new Map(fromUrl?.map((l) => [l.id, l.opacityPercent / 100]));
  for (const layer of layers) {
    if (fromUrl === undefined) {
      settings[layer.id] = { visible: layer.visible, opacity: layer.opacity };
    } else {
      const opacity = linked.get(layer.id);
      settings[layer.id] = { visible: opacity !== undefined, opacity: opacity ?? layer.opacity };
    }
  }
  return settings;
}

/** The visible layers with their opacity in percent, in catalogue order, for the link. */
export function visibleLayersForUrl(
  layers: readonly LayerEntry[],
  settings: LayerSettings,
): LayerSetting[] {
  return layers.flatMap((layer) => {
    const setting = settings[layer.id];
    if (!setting?.visible) return [];
    return [{ id: layer.id, opacityPercent: Math.round(setting.opacity * 100) }];
  });
}
