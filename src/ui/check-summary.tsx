import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type Coverage, verdictOf } from "../state/check-coverage";
import { formatHectares, formatSeconds } from "../state/check-format";
import { totalsOf } from "../state/check-groups";
import type { CheckRun } from "../state/check-state";
import { formatNumber } from "../state/format";
import type { Language } from "../state/url-state";
import { SeverityIcon } from "./icons";

/**
 * Totals of the last run: findings by severity, conflict area, time taken. Says "no conflicts" only
 * when every selected rule ran on all its layers (`coverage`, see `runCoverage`); otherwise it
 * speaks of the rules that ran, or says nothing was checked.
 */
export function CheckSummary({ run, coverage }: { run: CheckRun; coverage: Coverage }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const totals = useMemo(() => totalsOf(run.result.findings), [run]);
  const verdict = verdictOf(coverage, totals.count);
  const n = (value: number) => formatNumber(value, lang, 0);
  return (
    <section
      className="check-summary"
      data-testid="check-summary"
      data-findings={totals.count}
      data-errors={totals.errors}
      data-warnings={totals.warnings}
      data-not-computed={totals.notComputed}
      data-elapsed-ms={Math.round(run.elapsedMs)}
      data-complete={coverage.complete}
      data-rules-run={coverage.ran.length}
      data-rules-not-run={coverage.notRun.length}
      aria-labelledby="check-summary-title"
    >
      <h3 id="check-summary-title" className="check-summary__title">
        {t("check.summary.title")}
      </h3>
      {verdict === "no-conflicts" ? (
        <p className="check-summary__none">{t("check.summary.none")}</p>
      ) : verdict === "none-from-rules-run" ? (
        <p className="check-summary__none">
          {t("check.summary.noneFromRulesRun", { count: coverage.ran.length })}
        </p>
      ) : verdict === "nothing-checked" ? (
        <p className="check-summary__none">{t("check.summary.nothingChecked")}</p>
      ) : (
        <ul className="check-summary__counts">
          <li className="check-summary__count">
            <span className="check-summary__number">{n(totals.count)}</span>
            {t("check.summary.findings")}
          </li>
          <li className="check-summary__count severity-text--error">
            <SeverityIcon severity="error" />
            <span className="check-summary__number">{n(totals.errors)}</span>
            {t("check.summary.errors")}
          </li>
          <li className="check-summary__count severity-text--warning">
            <SeverityIcon severity="warning" />
            <span className="check-summary__number">{n(totals.warnings)}</span>
            {t("check.summary.warnings")}
          </li>
          {totals.notComputed > 0 && (
            <li className="check-summary__count">
              <span className="check-summary__number">{n(totals.notComputed)}</span>
              {t("check.summary.notComputed")}
            </li>
          )}
        </ul>
      )}
      <dl className="facts">
        <div className="facts__row">
          <dt title={t("check.summary.areaHint")}>{t("check.summary.area")}</dt>
          <dd data-testid="check-summary-area">
            {formatHectares(totals.areaSquareMeters / 10_000, lang)}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("check.summary.time")}</dt>
          <dd data-testid="check-summary-time">
            {t("check.summary.timeValue", {
              time: formatSeconds(run.elapsedMs, lang),
              rules: coverage.ran.length,
              units: n(run.result.stats.units),
            })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
