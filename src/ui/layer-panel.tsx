import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type LayerEntry, PLAN_LEVELS } from "../core/catalog/schema";
import type { AppAction } from "../state/app-state";
import { type LayerOrder, moveLayerBy, positionInLevel } from "../state/layer-order";
import type { LayerSettings } from "../state/layer-settings";
import type { LayerSource } from "../state/load-states";
import type { Language } from "../state/url-state";
import { GroupToggle } from "./group-toggle";
import { LayerRow } from "./layer-row";

type Props = {
  layers: readonly LayerEntry[];
  /** The settings as shown (a layer shown alone hides the others). */
  settings: LayerSettings;
  order: LayerOrder;
  /** The layer shown alone, or null. */
  solo: string | null;
  sources: Record<string, LayerSource>;
  /** The layer intents: visibility (one or a group), opacity, solo and order. */
  dispatch: (action: AppAction) => void;
  onZoom: (id: string) => void;
};

/**
 * Layers grouped by plan level, higher plans first (Law on Planning art. 5–6). Each group has a
 * checkbox for all its layers; a layer can be shown alone and moved within its group (buttons,
 * Alt+↑/↓, or dragged by its handle), each move said to screen readers.
 */
export function LayerPanel({ layers, settings, order, solo, sources, dispatch, onZoom }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<string | null>(null);
  if (layers.length === 0) return <p className="muted">{t("layer.empty")}</p>;
  const byId = new Map(layers.map((layer) => [layer.id, layer]));
  const soloLayer = solo === null ? undefined : byId.get(solo);

  const announce = (id: string, next: LayerOrder) => {
    const layer = byId.get(id);
    const where = positionInLevel(next, id);
    if (!layer || !where) return;
    setAnnouncement(
      t("layer.moved", {
        title: layer.title[lang],
        position: where.position,
        count: where.count,
        group: t(`levels.${layer.level}`),
      }),
    );
  };
  const move = (id: string, steps: number) => {
    dispatch({ type: "move-layer", id, steps });
    // The announcement says the order the reducer makes, from the same pure function.
    const next = moveLayerBy(order, id, steps);
    if (next !== order) announce(id, next);
  };
  const drop = (target: string) => {
    if (dragged === null || dragged === target) return;
    const ids = PLAN_LEVELS.map((level) => order[level] ?? []).find((g) => g.includes(target));
    if (!ids?.includes(dragged)) return;
    move(dragged, ids.indexOf(target) - ids.indexOf(dragged));
  };

  return (
    <div className="layer-panel">
      {soloLayer && (
        <p className="layer-panel__solo" role="status" data-testid="solo-notice">
          {t("layer.soloNotice", { title: soloLayer.title[lang] })}{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => dispatch({ type: "set-solo", id: null })}
          >
            {t("layer.unsolo")}
          </button>
        </p>
      )}
      {PLAN_LEVELS.map((level) => {
        const group = (order[level] ?? []).flatMap((id) => byId.get(id) ?? []);
        if (group.length === 0) return null;
        const headingId = `level-${level}`;
        const ids = group.map((layer) => layer.id);
        return (
          <section
            key={level}
            className="layer-group"
            aria-labelledby={headingId}
            data-level={level}
          >
            <div className="layer-group__head">
              <GroupToggle
                level={level}
                ids={ids}
                settings={settings}
                onChange={(visible) => dispatch({ type: "set-group-visible", ids, visible })}
              />
              <h3 id={headingId} className="layer-group__title">
                {t(`levels.${level}`)}
              </h3>
            </div>
            <ul className="layer-group__list">
              {group.map((layer, index) => {
                const setting = settings[layer.id];
                return (
                  <LayerRow
                    key={layer.id}
                    layer={layer}
                    visible={setting?.visible ?? false}
                    opacity={setting?.opacity ?? layer.opacity}
                    source={sources[layer.id]}
                    onVisible={(visible) =>
                      dispatch({ type: "set-visible", id: layer.id, visible })
                    }
                    onOpacity={(opacity) =>
                      dispatch({ type: "set-opacity", id: layer.id, opacity })
                    }
                    onZoom={() => onZoom(layer.id)}
                    arrange={{
                      solo: solo === layer.id,
                      onSolo: (on) => dispatch({ type: "set-solo", id: on ? layer.id : null }),
                      canMoveUp: index > 0,
                      canMoveDown: index < group.length - 1,
                      onMove: (steps) => move(layer.id, steps),
                      onDragStart: () => setDragged(layer.id),
                      onDragEnd: () => setDragged(null),
                      droppable: dragged !== null && ids.includes(dragged),
                      onDrop: () => drop(layer.id),
                    }}
                  />
                );
              })}
            </ul>
          </section>
        );
      })}
      <p className="visually-hidden" aria-live="polite" data-testid="layer-announcement">
        {announcement}
      </p>
    </div>
  );
}
