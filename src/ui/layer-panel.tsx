import { useTranslation } from "react-i18next";
import { type LayerEntry, PLAN_LEVELS } from "../core/catalog/schema";
import type { LayerSettings } from "../state/layer-settings";
import type { LayerSource } from "../state/load-states";
import { LayerRow } from "./layer-row";

type Props = {
  layers: readonly LayerEntry[];
  settings: LayerSettings;
  sources: Record<string, LayerSource>;
  onVisible: (id: string, visible: boolean) => void;
  onOpacity: (id: string, opacity: number) => void;
  onZoom: (id: string) => void;
};

/** Layers grouped by plan level, higher plans first (Law on Planning art. 5–6). */
export function LayerPanel({ layers, settings, sources, onVisible, onOpacity, onZoom }: Props) {
  const { t } = useTranslation();
  if (layers.length === 0) return <p className="muted">{t("layer.empty")}</p>;
  return (
    <div className="layer-panel">
      {PLAN_LEVELS.map((level) => {
        const group = layers.filter((layer) => layer.level === level);
        if (group.length === 0) return null;
        const headingId = `level-${level}`;
        return (
          <section
            key={level}
            className="layer-group"
            aria-labelledby={headingId}
            data-level={level}
          >
            <h3 id={headingId} className="layer-group__title">
              {t(`levels.${level}`)}
            </h3>
            <ul className="layer-group__list">
              {group.map((layer) => {
                const setting = settings[layer.id];
                return (
                  <LayerRow
                    key={layer.id}
                    layer={layer}
                    visible={setting?.visible ?? false}
                    opacity={setting?.opacity ?? layer.opacity}
                    source={sources[layer.id]}
                    onVisible={(visible) => onVisible(layer.id, visible)}
                    onOpacity={(opacity) => onOpacity(layer.id, opacity)}
                    onZoom={() => onZoom(layer.id)}
                  />
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
