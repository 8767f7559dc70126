import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { buildLegend } from "../state/legend";
import type { Language } from "../state/url-state";

/**
 * Colour swatches with their labels; the swatch shape follows the geometry (area, line, point). A
 * category shows its code (e.g. "ODT") before its name in the UI language; the name in the other
 * language is its tooltip. `present`: the values the loaded features hold (see `buildLegend`).
 */
export function LayerLegend({
  layer,
  present,
}: {
  layer: LayerEntry;
  present?: ReadonlySet<string> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const other: Language = lang === "vi" ? "en" : "vi";
  const items = buildLegend(layer, present);
  return (
    <ul className="legend" aria-label={t("layer.legend")}>
      {items.map((item) => {
        const text = item.label ? item.label[lang] : t("layer.otherValues");
        return (
          <li
            key={`${item.color}:${item.code ?? ""}:${text}`}
            className="legend__item"
            title={item.label?.[other]}
          >
            <span
              className={`legend__swatch legend__swatch--${layer.geometryType}`}
              style={{ "--swatch": item.color } as CSSProperties}
              aria-hidden="true"
            />
            {item.code !== undefined && item.code !== "" && (
              <span className="legend__code">{item.code}</span>
            )}
            <span>{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
