import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type LayerEntry, PLAN_LEVELS } from "../core/catalog/schema";
import type { AppAction } from "../state/app-state";
import { type LayerOrder, moveLayerBy, positionInLevel } from "../state/layer-order";
import type { LayerSettings } from "../state/layer-settings";
import type { LayerSource } from "../state/load-states";
import type { Language } from "../state/url-state";
import { GroupToggle } from "./group-toggle";
import { LayerRow, type RowArrangement } from "./layer-row";

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
  const byId = useMemo(() => new Map(layers.map((layer) => [layer.id, layer])), [layers]);
  // The rows' intents are the same functions on every render (a row re-renders only when its own
  // layer changes): they read the panel's current state from here.
  const current = useRef({ order, dragged, byId, lang, t, onZoom });
  current.current = { order, dragged, byId, lang, t, onZoom };
  const zoom = useCallback((id: string) => current.current.onZoom(id), []);
  const onVisible = useCallback(
    (id: string, visible: boolean) => dispatch({ type: "set-visible", id, visible }),
    [dispatch],
  );
  const onOpacity = useCallback(
    (id: string, opacity: number) => dispatch({ type: "set-opacity", id, opacity }),
    [dispatch],
  );
  const arrange = useMemo((): RowArrangement => {
    const announce = (id: string, next: LayerOrder) => {
      const { byId, lang, t } = current.current;
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
      const { order } = current.current;
      dispatch({ type: "move-layer", id, steps });
      // The announcement says the order the reducer makes, from the same pure function.
      const next = moveLayerBy(order, id, steps);
      if (next !== order) announce(id, next);
    };
    return {
      onSolo: (id, on) => dispatch({ type: "set-solo", id: on ? id : null }),
      onMove: move,
      onDragStart: (id) => setDragged(id),
      onDragEnd: () => setDragged(null),
      onDrop: (target) => {
        const { dragged, order } = current.current;
        if (dragged === null || dragged === target) return;
        const ids = PLAN_LEVELS.map((level) => order[level] ?? []).find((g) => g.includes(target));
        if (!ids?.includes(dragged)) return;
        move(dragged, ids.indexOf(target) - ids.indexOf(dragged));
      },
    };
  }, [dispatch]);
  if (layers.length === 0) return <p className="muted">{t("layer.empty")}</p>;
  const soloLayer = solo === null ? undefined : byId.get(solo);

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
                    onVisible={onVisible}
                    onOpacity={onOpacity}
                    onZoom={zoom}
                    arrange={arrange}
                    solo={solo === layer.id}
                    canMoveUp={index > 0}
                    canMoveDown={index < group.length - 1}
                    droppable={dragged !== null && ids.includes(dragged)}
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
