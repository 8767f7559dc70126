import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { KIND_COLORS, OTHER_TRANSITION_COLOR, type TransitionColors } from "../map/compare-layers";
import { landUseName } from "../state/compare-format";
import type { Language } from "../state/url-state";
import { codeText } from "./compare-text";
import "./compare.css";

const swatch = (color: string) => ({ "--swatch": color }) as CSSProperties;

/**
 * The map's comparison symbols: one swatch per coloured code change ("ODT → LUC", the official
 * names as a tooltip), the grey of the smaller ones, the hatches of added and removed pieces. The
 * same `colors` as the map's (`transitionColors`), so a swatch is the colour drawn.
 */
export function CompareLegend({ colors }: { colors: TransitionColors }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const names = (from: string | null, to: string | null) =>
    [landUseName(from, lang), landUseName(to, lang)].every((n) => n === null)
      ? undefined
      : `${landUseName(from, lang) ?? codeText(from, t)} → ${landUseName(to, lang) ?? codeText(to, t)}`;
  return (
    <ul className="legend compare-legend" aria-label={t("compare.legend.title")}>
      {colors.colored.map((c) => (
        // a transition is unique in a summary (React keeps keys in a Map: data text is safe)
        <li
          key={JSON.stringify([c.from, c.to])}
          className="legend__item"
          title={names(c.from, c.to)}
        >
          <span
            className="compare-legend__swatch compare-legend__swatch--changed"
            style={swatch(c.color)}
            aria-hidden="true"
          />
          <span>
            {codeText(c.from, t)} → {codeText(c.to, t)}
          </span>
        </li>
      ))}
      {colors.others > 0 && (
        <li className="legend__item">
          <span
            className="compare-legend__swatch compare-legend__swatch--changed"
            style={swatch(OTHER_TRANSITION_COLOR)}
            aria-hidden="true"
          />
          <span>{t("compare.legend.others", { count: colors.others })}</span>
        </li>
      )}
      {(["added", "removed"] as const).map((kind) => (
        <li key={kind} className="legend__item">
          <span
            className={`compare-legend__swatch compare-legend__swatch--${kind}`}
            style={swatch(KIND_COLORS[kind])}
            aria-hidden="true"
          />
          <span>{t(`compare.legend.${kind}`)}</span>
        </li>
      ))}
    </ul>
  );
}
