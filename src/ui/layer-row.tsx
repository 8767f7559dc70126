import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { formatNumber } from "../state/format";
import type { LayerSource } from "../state/load-states";
import type { Language } from "../state/url-state";
import { InfoIcon, ZoomIcon } from "./icons";
import { LayerLegend } from "./layer-legend";
import { LayerMetadata } from "./layer-metadata";
import { useFailureText } from "./use-failure-text";

type Props = {
  layer: LayerEntry;
  visible: boolean;
  /** 0–1. */
  opacity: number;
  source: LayerSource | undefined;
  onVisible: (visible: boolean) => void;
  onOpacity: (opacity: number) => void;
  onZoom: () => void;
};

/** One layer: show/hide, opacity, zoom to it, legend, load state and its metadata card. */
export function LayerRow({ layer, visible, opacity, source, onVisible, onOpacity, onZoom }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const failureText = useFailureText();
  const [infoOpen, setInfoOpen] = useState(false);
  const uid = useId();
  const title = layer.title[lang];
  const percent = Math.round(opacity * 100);
  const canZoom = source?.status === "ready" && source.bbox !== null;
  return (
    <li
      className={`layer-row${visible ? "" : " layer-row--hidden"}`}
      data-testid={`layer-row-${layer.id}`}
    >
      <div className="layer-row__head">
        <input
          id={`${uid}-toggle`}
          type="checkbox"
          className="layer-row__toggle"
          data-testid={`layer-toggle-${layer.id}`}
          checked={visible}
          aria-label={t("layer.show", { title })}
          onChange={(event) => onVisible(event.target.checked)}
        />
        <label htmlFor={`${uid}-toggle`} className="layer-row__title">
          {title}
          {layer.illustrative && (
            <span className="badge badge--illustrative" title={t("layer.illustrativeHint")}>
              {t("layer.illustrative")}
            </span>
          )}
        </label>
        <button
          type="button"
          className="icon-button"
          data-testid={`layer-zoom-${layer.id}`}
          aria-label={t("layer.zoomTo", { title })}
          title={t("layer.zoom")}
          disabled={!canZoom}
          onClick={onZoom}
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
      <LayerLegend layer={layer} />
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
          onChange={(event) => onOpacity(Number(event.target.value) / 100)}
        />
        <output htmlFor={`${uid}-opacity`}>{percent}%</output>
      </div>
      {source?.status === "loading" && <p className="layer-row__status">{t("layer.loading")}</p>}
      {source?.status === "ready" && (
        <p className="layer-row__status">
          {t("layer.features", { n: formatNumber(source.data.features.length, lang) })}
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
}
