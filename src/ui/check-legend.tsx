import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { HIGHLIGHT_COLORS, SEVERITY_COLORS } from "../map/check-layers";

/** The legend's lines, top to bottom: each names its swatch style and its text in `check.legend`. */
const ITEMS = [
  { kind: "error", color: SEVERITY_COLORS.error },
  { kind: "warning", color: SEVERITY_COLORS.warning },
  { kind: "subject", color: HIGHLIGHT_COLORS.subject },
  { kind: "constraint", color: HIGHLIGHT_COLORS.constraint },
] as const;

/** The map's check symbols: hatch and outline per severity, and the selected finding's outlines. */
export function CheckLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend check-legend" aria-label={t("check.legend.title")}>
      {ITEMS.map(({ kind, color }) => (
        <li key={kind} className="legend__item">
          <span
            className={`check-legend__swatch check-legend__swatch--${kind}`}
            style={{ "--swatch": color } as CSSProperties}
            aria-hidden="true"
          />
          <span>{t(`check.legend.${kind}`)}</span>
        </li>
      ))}
    </ul>
  );
}
