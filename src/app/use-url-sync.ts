import { type RefObject, useCallback, useEffect, useEffectEvent, useRef } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import { type LayerSettings, visibleLayersForUrl } from "../state/layer-settings";
import type { PlaceRef } from "../state/place-ref";
import { type Language, type MapCamera, parseUrlState, type UrlState } from "../state/url-state";
import { HashWriter } from "./hash-writer";

type Options = {
  /** Null until the catalogue has loaded; nothing is written before, so the link's layers survive. */
  layers: readonly LayerEntry[] | null;
  settings: LayerSettings;
  lang: Language;
  basemap: boolean;
  /** The place chosen in the search (null: none). */
  place?: PlaceRef | null;
  cameraRef: RefObject<MapCamera | undefined>;
  /** The user pasted or edited the link in this tab. */
  onHashChange: (state: UrlState) => void;
};

/**
 * Keeps the address bar's hash in step with the view (camera, visible layers with opacity,
 * language, basemap), so a copied link reproduces it. Returns the function to call after the map
 * moves; the other changes are picked up by themselves.
 */
export function useUrlSync({
  layers,
  settings,
  lang,
  basemap,
  place = null,
  cameraRef,
  onHashChange,
}: Options) {
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
      ...(place ? { place } : {}),
    };
    schedule();
  }, [layers, settings, lang, basemap, place, schedule]);

  const hashChanged = useEffectEvent(() => onHashChange(parseUrlState(window.location.hash)));
  useEffect(() => {
    const listener = () => hashChanged();
    window.addEventListener("hashchange", listener);
    return () => window.removeEventListener("hashchange", listener);
  }, []);

  return schedule;
}
