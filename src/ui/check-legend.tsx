import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { HIGHLIGHT_COLORS, SEVERITY_COLORS } from "../map/check-layers";

/** The map's check symbols: hatch and outline per severity, and the selected finding's outlines. */
export function CheckLegend() {
  const { t } = useTranslation();
  const swatch = (modifier: string, color: string) => (
    <span
      className={`check-legend__swatch check-legend__swatch--${modifier}`}
      style={{ "--swatch": color } as CSSProperties}
      aria-hidden="true"
    />
  );
  return (
    <ul className="legend check-legend" aria-label={t("check.legend.title")}>
      <li className="legend__item">
        {swatch("error", SEVERITY_COLORS.error)}
        <span>{t("check.legend.error")}</span>
      </li>
      <li className="legend__item">
        {swatch("warning", SEVERITY_COLORS.warning)}
        <span>{t("check.legend.warning")}</span>
      </li>
      <li className="legend__item">
        {swatch("subject", HIGHLIGHT_COLORS.subject)}
        <span>{t("check.legend.subject")}</span>
      </li>
      <li className="legend__item">
        {swatch("constraint", HIGHLIGHT_COLORS.constraint)}
        <span>{t("check.legend.constraint")}</span>
      </li>
    </ul>
  );
}
