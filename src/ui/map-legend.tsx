import { useMemo, useState } from "react";

/** The phone layout's breakpoint (access.css); a stand-in where there is no window (tests in Node). */
const PHONE =
  typeof window !== "undefined" && window.matchMedia
    ? window.matchMedia("(max-width: 720px)")
    : { matches: false };

import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { isPacked } from "../io/packed-collection";
import type { LayerSettings } from "../state/layer-settings";
import { presentValues } from "../state/legend";
import type { LayerSource } from "../state/load-states";
import type { Language } from "../state/url-state";
import { LayerLegend } from "./layer-legend";

type Props = {
  /** Every layer that can be shown (a loaded proposal first, then the catalogue's). */
  layers: readonly LayerEntry[];
  /** The settings as shown (solo applied). */
  settings: LayerSettings;
  /** Layer ids, topmost first (see `flattenOrder`); layers it does not name come first. */
  order: readonly string[];
  sources: Record<string, LayerSource>;
};

/**
 * The legend over the map: the visible layers, topmost first, each with what its colours mean (the
 * categories its features hold). Collapses to a button so it never hides the map for long.
 */
export function MapLegend({ layers, settings, order, sources }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  // folded at first on a phone, where open it would cover the middle of the map
  const [open, setOpen] = useState(() => !PHONE.matches);
  const visible = useMemo(() => {
    const rank = new Map(order.map((id, index) => [id, index]));
    return layers
      .filter((layer) => settings[layer.id]?.visible)
      .sort((a, b) => (rank.get(a.id) ?? -1) - (rank.get(b.id) ?? -1));
  }, [layers, settings, order]);
  const present = useMemo(() => {
    const values = new Map<string, Set<string>>();
    for (const layer of visible) {
      const source = sources[layer.id];
      const set =
        source?.status === "ready" && !isPacked(source.data)
          ? presentValues(layer, source.data)
          : null;
      if (set) values.set(layer.id, set);
    }
    return values;
  }, [visible, sources]);
  return (
    <section
      className={`map-legend${open ? "" : " map-legend--closed"}`}
      aria-labelledby="map-legend-title"
      data-testid="map-legend"
    >
      <button
        type="button"
        className="map-legend__toggle"
        aria-expanded={open}
        aria-controls="map-legend-body"
        data-testid="map-legend-toggle"
        title={t(open ? "legend.hide" : "legend.show")}
        onClick={() => setOpen((o) => !o)}
      >
        <span id="map-legend-title">{t("legend.title")}</span>
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
      </button>
      {open && (
        <div id="map-legend-body" className="map-legend__body">
          {visible.length === 0 && <p className="muted">{t("legend.empty")}</p>}
          {visible.map((layer) => (
            <div
              key={layer.id}
              className="map-legend__layer"
              data-testid={`map-legend-${layer.id}`}
            >
              <h4 className="map-legend__name">{layer.title[lang]}</h4>
              <LayerLegend layer={layer} present={present.get(layer.id)} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
