import { type DragEvent, type KeyboardEvent, memo, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { featureCount, isPacked } from "../io/packed-collection";
import { formatNumber } from "../state/format";
import { presentValues } from "../state/legend";
import type { LayerSource } from "../state/load-states";
import type { Language } from "../state/url-state";
import { InfoIcon, SoloIcon, ZoomIcon } from "./icons";
import { LayerLegend } from "./layer-legend";
import { LayerMetadata } from "./layer-metadata";
import { useFailureText } from "./use-failure-text";

/**
 * What a row of the catalogue's layer list does to its layer: solo and reordering (a proposal's row
 * has none). The same functions for every row and every render (they take the layer's id), so a
 * row re-renders only when its own layer, setting, load state or place changes.
 */
export type RowArrangement = {
  onSolo: (id: string, on: boolean) => void;
  /** Moves the row by this many places (negative: up). */
  onMove: (id: string, steps: number) => void;
  onDragStart: (id: string) => void;
  onDragEnd: () => void;
  onDrop: (id: string) => void;
};

/** Where a row of the catalogue's list stands: shown alone, can move, accepts a drop. */
export type RowPlace = {
  solo: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** A row of this group is being dragged: this row accepts the drop. */
  droppable: boolean;
};

type Props = {
  layer: LayerEntry;
  visible: boolean;
  /** 0–1. */
  opacity: number;
  source: LayerSource | undefined;
  /** The layer's intents, each taking its id (stable functions: see {@link RowArrangement}). */
  onVisible: (id: string, visible: boolean) => void;
  onOpacity: (id: string, opacity: number) => void;
  onZoom: (id: string) => void;
  arrange?: RowArrangement;
} & Partial<RowPlace>;

/**
 * One layer: show/hide, opacity, zoom to it, legend, load state and its metadata card; in the
 * catalogue's list also solo and reordering (`arrange`).
 */
export const LayerRow = memo(function LayerRow(props: Props) {
  const { layer, visible, opacity, source, onVisible, onOpacity, onZoom, arrange } = props;
  const { solo = false, canMoveUp = false, canMoveDown = false, droppable = false } = props;
  const id = layer.id;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const failureText = useFailureText();
  const [infoOpen, setInfoOpen] = useState(false);
  const uid = useId();
  const title = layer.title[lang];
  const percent = Math.round(opacity * 100);
  const canZoom = source?.status === "ready" && source.bbox !== null;
  const [dropping, setDropping] = useState(false);
  const present = useMemo(
    () =>
      source?.status === "ready" && !isPacked(source.data)
        ? presentValues(layer, source.data)
        : null,
    [layer, source],
  );
  // Alt+↑/↓ anywhere in the row moves it (the arrow keys alone belong to the slider and the page).
  const onKeyDown = (event: KeyboardEvent) => {
    if (!arrange || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    arrange.onMove(id, event.key === "ArrowUp" ? -1 : 1);
  };
  const dropHandlers =
    arrange && droppable
      ? {
          onDragOver: (event: DragEvent) => {
            event.preventDefault();
            setDropping(true);
          },
          onDragLeave: () => setDropping(false),
          onDrop: (event: DragEvent) => {
            event.preventDefault();
            setDropping(false);
            arrange.onDrop(id);
          },
        }
      : {};
  return (
    <li
      className={`layer-row${visible ? "" : " layer-row--hidden"}${dropping ? " layer-row--drop" : ""}`}
      data-testid={`layer-row-${layer.id}`}
      onKeyDown={onKeyDown}
      {...dropHandlers}
    >
      <div className="layer-row__head">
        {arrange && (
          <span
            className="layer-row__handle"
            draggable
            data-testid={`layer-drag-${layer.id}`}
            title={t("layer.dragHandle", { title })}
            aria-hidden="true"
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", layer.id);
              arrange.onDragStart(id);
            }}
            onDragEnd={arrange.onDragEnd}
          >
            ⠿
          </span>
        )}
        <input
          id={`${uid}-toggle`}
          type="checkbox"
          className="layer-row__toggle"
          data-testid={`layer-toggle-${layer.id}`}
          checked={visible}
          aria-label={t("layer.show", { title })}
          onChange={(event) => onVisible(id, event.target.checked)}
        />
        <label htmlFor={`${uid}-toggle`} className="layer-row__title">
          {title}
          {layer.illustrative && (
            <span className="badge badge--illustrative" title={t("layer.illustrativeHint")}>
              {t("layer.illustrative")}
            </span>
          )}
        </label>
        {arrange && (
          <>
            <button
              type="button"
              className={`icon-button layer-row__solo${solo ? " icon-button--on" : ""}`}
              data-testid={`layer-solo-${layer.id}`}
              aria-pressed={solo}
              aria-label={t(solo ? "layer.unsoloOf" : "layer.soloOf", { title })}
              title={t(solo ? "layer.unsolo" : "layer.solo")}
              onClick={() => arrange.onSolo(id, !solo)}
            >
              <SoloIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              data-testid={`layer-up-${layer.id}`}
              aria-label={t("layer.moveUp", { title })}
              title={t("layer.moveUp", { title })}
              disabled={!canMoveUp}
              onClick={() => arrange.onMove(id, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              data-testid={`layer-down-${layer.id}`}
              aria-label={t("layer.moveDown", { title })}
              title={t("layer.moveDown", { title })}
              disabled={!canMoveDown}
              onClick={() => arrange.onMove(id, 1)}
            >
              ↓
            </button>
          </>
        )}
        <button
          type="button"
          className="icon-button"
          data-testid={`layer-zoom-${layer.id}`}
          aria-label={t("layer.zoomTo", { title })}
          title={t("layer.zoom")}
          disabled={!canZoom}
          onClick={() => onZoom(id)}
        >
          <ZoomIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          data-testid={`layer-info-${layer.id}`}
          aria-label={t("layer.infoOf", { title })}
          title={t("layer.info")}
          aria-expanded={infoOpen}
          aria-controls={`${uid}-info`}
          onClick={() => setInfoOpen((open) => !open)}
        >
          <InfoIcon />
        </button>
      </div>
      <LayerLegend layer={layer} present={present ?? undefined} />
      <div className="layer-row__opacity">
        <label htmlFor={`${uid}-opacity`}>{t("layer.opacity")}</label>
        <input
          id={`${uid}-opacity`}
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          data-testid={`layer-opacity-${layer.id}`}
          aria-label={t("layer.opacityOf", { title })}
          aria-valuetext={`${percent}%`}
          onChange={(event) => onOpacity(id, Number(event.target.value) / 100)}
        />
        <output htmlFor={`${uid}-opacity`}>{percent}%</output>
      </div>
      {source?.status === "loading" && <p className="layer-row__status">{t("layer.loading")}</p>}
      {source?.status === "ready" && (
        <p className="layer-row__status">
          {t("layer.features", { n: formatNumber(featureCount(source.data), lang) })}
        </p>
      )}
      {source?.status === "error" && (
        <p className="layer-row__error" role="alert" data-testid={`layer-error-${layer.id}`}>
          {failureText(source.failure)}
        </p>
      )}
      {infoOpen && <LayerMetadata layer={layer} id={`${uid}-info`} />}
    </li>
  );
});
