import { type RefObject, useCallback, useEffect, useEffectEvent, useRef } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import type { BasemapChoice } from "../state/basemap";
import { flattenOrder, isCatalogueOrder, type LayerOrder } from "../state/layer-order";
import { type LayerSettings, visibleLayersForUrl } from "../state/layer-settings";
import type { PlaceRef } from "../state/place-ref";
import { useAppStore, useDispatch } from "../state/store";
import {
  type Language,
  type MapCamera,
  parseUrlState,
  type Tab,
  type UrlState,
} from "../state/url-state";
import { HashWriter } from "./hash-writer";

type Options = {
  /** Null until the catalogue has loaded; nothing is written before, so the link's layers survive. */
  layers: readonly LayerEntry[] | null;
  settings: LayerSettings;
  order: LayerOrder;
  solo: string | null;
  lang: Language;
  basemap: BasemapChoice;
  tab: Tab;
  /** The selected finding's id, or null. */
  finding: string | null;
  /** The place chosen in the search (null: none). */
  place?: PlaceRef | null;
  cameraRef: RefObject<MapCamera | undefined>;
  /** The user pasted or edited the link in this tab. */
  onHashChange: (state: UrlState) => void;
};

/**
 * Keeps the address bar's hash in step with the view (camera, visible layers with opacity, the
 * layer order and the layer shown alone, language, basemap, open tab, selected finding, and the
 * findings list's filter and order, read from the store's check slice), so a copied link
 * reproduces it; a pasted link's filter goes into the store here too. Returns the function to call
 * after the map moves; the other changes are picked up by themselves.
 */
export function useUrlSync(options: Options) {
  const { layers, settings, order, solo, lang, basemap, tab, finding, cameraRef, onHashChange } =
    options;
  const place = options.place ?? null;
  const triage = useAppStore((s) => s.check.triage);
  const dispatch = useDispatch();
  const writer = useRef<HashWriter | null>(null);
  const latest = useRef<Omit<UrlState, "camera"> | null>(null);

  useEffect(() => {
    writer.current = new HashWriter(300);
    return () => writer.current?.cancel();
  }, []);

  const schedule = useCallback(() => {
    if (!latest.current) return;
    const camera = cameraRef.current;
    writer.current?.schedule(camera ? { ...latest.current, camera } : latest.current);
  }, [cameraRef]);

  useEffect(() => {
    if (!layers) return;
    latest.current = {
      layers: visibleLayersForUrl(layers, settings),
      lang,
      basemap,
      // the catalogue's own order and "no solo" are the defaults a link leaves out
      ...(isCatalogueOrder(order, layers) ? {} : { order: flattenOrder(order) }),
      ...(solo === null ? {} : { solo }),
      tab,
      ...(finding === null ? {} : { finding }),
      triage,
      ...(place ? { place } : {}),
    };
    schedule();
  }, [layers, settings, order, solo, lang, basemap, tab, finding, triage, place, schedule]);

  const hashChanged = useEffectEvent(() => {
    const next = parseUrlState(window.location.hash);
    if (next.triage) dispatch({ type: "set-triage", triage: next.triage });
    onHashChange(next);
  });
  useEffect(() => {
    const listener = () => hashChanged();
    window.addEventListener("hashchange", listener);
    return () => window.removeEventListener("hashchange", listener);
  }, []);

  return schedule;
}
