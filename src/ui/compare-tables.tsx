import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { CompareSummary } from "../core/compare/index";
import { KIND_COLORS, type TransitionColors } from "../map/compare-layers";
import { formatHectares } from "../state/check-format";
import { formatSignedHectares, landUseName } from "../state/compare-format";
import { formatNumber } from "../state/format";
import type { Language } from "../state/url-state";
import { codeText, transitionText } from "./compare-text";

/**
 * Area by (from code → to code), largest first, as the summary orders it: the kind, the
 * transition with the official names as a tooltip, pieces (and how many could not be measured),
 * hectares. The swatch is the transition's colour on the map.
 */
export function CompareTransitions({
  summary,
  colors,
}: {
  summary: CompareSummary;
  colors: TransitionColors;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = (code: string | null) => landUseName(code, lang) ?? codeText(code, t);
  return (
    <table className="compare-table" data-testid="compare-transitions">
      <caption>{t("compare.transitions.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("compare.transitions.kind")}</th>
          <th scope="col">{t("compare.transitions.transition")}</th>
          <th scope="col" className="compare-table__number">
            {t("compare.transitions.pieces")}
          </th>
          <th scope="col" className="compare-table__number">
            {t("compare.transitions.area")}
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.transitions.map((row) => (
          // (kind, from, to) is unique in a summary (React keeps keys in a Map: data text is safe)
          <tr key={JSON.stringify([row.kind, row.from, row.to])} data-kind={row.kind}>
            <td>
              <span
                className={`compare-legend__swatch compare-legend__swatch--${row.kind}`}
                style={
                  {
                    "--swatch":
                      row.kind === "changed"
                        ? colors.colorOf(row.from, row.to)
                        : KIND_COLORS[row.kind],
                  } as CSSProperties
                }
                aria-hidden="true"
              />{" "}
              {t(`compare.kind.${row.kind}`)}
            </td>
            <td title={`${name(row.from)} → ${name(row.to)}`}>
              {transitionText(row.kind, row.from, row.to, t)}
            </td>
            <td className="compare-table__number">
              {formatNumber(row.pieces, lang, 0)}
              {row.notComputed > 0 && ` (${formatNumber(row.notComputed, lang, 0)} ✗)`}
            </td>
            <td className="compare-table__number">{formatHectares(row.hectares, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Area by land-use code before and after ("ODT +312,00 ha"), the codes whose area or zone count
 * changes, largest change first (the summary's order).
 */
export function CompareCodes({ summary }: { summary: CompareSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const rows = summary.codes.filter(
    (c) => Math.abs(c.hectaresChange) >= 0.005 || c.zonesBefore !== c.zonesAfter,
  );
  if (rows.length === 0) return null;
  return (
    <table className="compare-table" data-testid="compare-codes">
      <caption>{t("compare.codes.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("compare.codes.code")}</th>
          <th scope="col" className="compare-table__number">
            {t("compare.codes.before")}
          </th>
          <th scope="col" className="compare-table__number">
            {t("compare.codes.after")}
          </th>
          <th scope="col" className="compare-table__number">
            {t("compare.codes.change")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={JSON.stringify(c.code)} data-change={c.hectaresChange > 0 ? "gain" : "loss"}>
            <td title={landUseName(c.code, lang) ?? undefined}>{codeText(c.code, t)}</td>
            <td className="compare-table__number">{formatHectares(c.hectaresBefore, lang)}</td>
            <td className="compare-table__number">{formatHectares(c.hectaresAfter, lang)}</td>
            <td className="compare-table__number">
              {formatSignedHectares(c.hectaresChange, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
