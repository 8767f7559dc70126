import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { buildLegend } from "../state/legend";
import type { Language } from "../state/url-state";

/** Colour swatches with their labels; the swatch shape follows the geometry (area, line, point). */
export function LayerLegend({ layer }: { layer: LayerEntry }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const items = buildLegend(layer);
  return (
    <ul className="legend" aria-label={t("layer.legend")}>
      {items.map((item) => {
        const text = item.label ? item.label[lang] : t("layer.otherValues");
        return (
          <li key={`${item.color}:${text}`} className="legend__item">
            <span
              className={`legend__swatch legend__swatch--${layer.geometryType}`}
              style={{ "--swatch": item.color } as CSSProperties}
              aria-hidden="true"
            />
            <span>{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
