import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { FindingFormat } from "../core/check/format-findings";
import type { ComparePiece, PlanComparison } from "../core/compare/index";
import type { TransitionColors } from "../map/compare-layers";
import { formatArea, formatHectares } from "../state/check-format";
import { comparisonFileName } from "../state/compare-format";
import { formatNumber } from "../state/format";
import type { Language } from "../state/url-state";
import { CheckProblemRow } from "./check-problem-row";
import { comparisonBlob, saveBlob } from "./compare-export";
import { CompareLegend } from "./compare-legend";
import { ComparePieces } from "./compare-pieces";
import { CompareCodes, CompareTransitions } from "./compare-tables";
import "./compare.css";

/** Props of {@link ComparePanel}. */
export type ComparePanelProps = {
  /** The finished comparison (`CompareOutcome.comparison`, or `comparePlans`' result). */
  comparison: PlanComparison;
  /** `transitionColors(comparison.summary)`, the same object the map layers were given. */
  colors: TransitionColors;
  /** The proposal's file as the user knows it ("de-xuat.zip › ranh-gioi.shp"); exports are named after it. */
  proposalFile: string;
  /** Name of the current plan layer compared with, in the UI language. */
  currentName: string;
  /** Id of the piece shown on the map, or null. */
  selectedId: string | null;
  /** A piece was activated in the list: show it on the map. */
  onSelect: (piece: ComparePiece) => void;
  /** A district's name from its code (pieces list their districts); the code itself by default. */
  districtName?: (code: string) => string;
  /** Offers an export for download (default: `saveBlob`); tests pass a recorder. */
  onExport?: (blob: Blob, fileName: string) => void;
};

const sameCode = (code: string) => code;

/**
 * What a proposal changes compared with the current city plan: totals (changed, added, removed,
 * unchanged hectares), export buttons (CSV, GeoJSON: what the CLI's `--compare` writes), the map
 * legend, area by (from → to) and by code, notes on the data, then every piece (virtualised).
 * Numbers in the UI language's convention ("1.234,56 ha"); every value from the files is text.
 */
export function ComparePanel({
  comparison,
  colors,
  proposalFile,
  currentName,
  selectedId,
  onSelect,
  districtName = sameCode,
  onExport = saveBlob,
}: ComparePanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { summary, pieces, problems } = comparison;
  const { totals } = summary;
  const exportAs = useCallback(
    (format: FindingFormat) =>
      onExport(comparisonBlob(comparison, format), comparisonFileName(proposalFile, format)),
    [comparison, proposalFile, onExport],
  );
  const n = (value: number) => formatNumber(value, lang, 0);
  const nothing = totals.pieces === 0;
  return (
    <section
      className="compare-panel"
      data-testid="compare-panel"
      data-pieces={totals.pieces}
      data-not-computed={totals.notComputed}
      aria-labelledby="compare-panel-title"
    >
      <h3 id="compare-panel-title" className="compare-panel__title">
        {t("compare.title")}
      </h3>
      <p className="compare-panel__intro">
        {t("compare.intro", { proposal: proposalFile, current: currentName })}
      </p>
      {nothing ? (
        <p className="compare-panel__none" data-testid="compare-none">
          {t("compare.totals.none")}
        </p>
      ) : (
        <dl className="compare-totals" data-testid="compare-totals">
          {(
            [
              ["changed", t("compare.kind.changed"), totals.changedHectares],
              ["added", t("compare.kind.added"), totals.addedHectares],
              ["removed", t("compare.kind.removed"), totals.removedHectares],
              ["unchanged", t("compare.totals.unchanged"), totals.unchangedHectares],
            ] as const
          ).map(([key, label, hectares]) => (
            <div key={key} className={`compare-totals__item compare-totals__item--${key}`}>
              <dt>{label}</dt>
              <dd data-hectares={hectares}>{formatHectares(hectares, lang)}</dd>
            </div>
          ))}
        </dl>
      )}
      {totals.notComputed > 0 && (
        <p className="compare-panel__warning" role="note">
          {t("compare.totals.notComputed", { count: totals.notComputed })}
        </p>
      )}
      {totals.belowTolerance.pieces > 0 && (
        <p className="compare-panel__note">
          {t("compare.totals.belowTolerance", {
            count: totals.belowTolerance.pieces,
            tolerance: formatArea(summary.toleranceSquareMeters, lang),
            width: formatNumber(summary.toleranceMeters * 100, lang),
            area: formatArea(totals.belowTolerance.squareMeters, lang),
          })}
        </p>
      )}
      <fieldset className="compare-export">
        <legend className="compare-export__title">{t("compare.export.title")}</legend>
        {(["csv", "geojson"] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            data-testid={`compare-export-${format}`}
            onClick={() => exportAs(format)}
          >
            {t(`compare.export.${format}`)}
          </button>
        ))}
        <span className="compare-export__hint">{t("compare.export.hint")}</span>
      </fieldset>
      {!nothing && <CompareLegend colors={colors} />}
      {summary.transitions.length > 0 && <CompareTransitions summary={summary} colors={colors} />}
      <CompareCodes summary={summary} />
      {problems.length > 0 && (
        <details className="compare-panel__problems" open>
          <summary>{t("compare.problems", { n: n(problems.length) })}</summary>
          <ul>
            {problems.map((p) => (
              <CheckProblemRow key={`${p.layer}:${p.message.en}`} problem={p} />
            ))}
          </ul>
        </details>
      )}
      {pieces.length > 0 && (
        <>
          <h4 className="compare-panel__subtitle">
            {t("compare.pieces.title", { count: n(pieces.length) })}
          </h4>
          <ComparePieces
            pieces={pieces}
            colors={colors}
            selectedId={selectedId}
            onSelect={onSelect}
            districtName={districtName}
          />
        </>
      )}
    </section>
  );
}
