import { initialLayerSettings } from "../state/layer-settings";
import { parseUrlState } from "../state/url-state";
import { startLayerLoading } from "./layer-loader";
import { CATALOG_FILE, CATALOG_URL } from "./runtime-urls";
import { startBaseData } from "./use-base-data";
import { startCatalog } from "./use-catalog";
import { loadCatalogLayer } from "./use-layer-sources";

/**
 * Starts everything the first picture reads, as the app starts and before its first render: the
 * layer-loading worker, the base map's files, the catalogue, and the files of the layers it shows
 * at the start (as `initialLayerSettings` picks them: the link's list, else the catalogue's
 * defaults). The app's hooks ask for the same reads later and take them as they are (the loaders
 * keep them), so this only moves them earlier: the worker decodes while the page renders its first
 * frame, instead of after it (about 450 ms later on this machine). Failures are left for the hooks
 * to report.
 */
export function startFirstPictureLoads(hash: string): void {
  startLayerLoading();
  void startBaseData();
  void startCatalog(CATALOG_URL, CATALOG_FILE).then((state) => {
    if (state.status !== "ready") return;
    const { layers } = state.catalog;
    const settings = initialLayerSettings(layers, parseUrlState(hash).layers);
    for (const layer of layers) {
      if (!settings[layer.id]?.visible) continue;
      void loadCatalogLayer(layer, CATALOG_URL).catch(() => {});
    }
  });
}
