import { useTranslation } from "react-i18next";
import type { Catalog } from "../core/catalog/parse-catalog";
import { formatIsoDate } from "../state/format";
import { buildProgressRows, countByStatus } from "../state/progress";
import type { Language } from "../state/url-state";

/**
 * The Department of Planning and Investment's view: each plan component with its agency, level,
 * workflow status and data date, flagging data older than the catalogue's cut-off.
 */
export function ProgressTable({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const rows = buildProgressRows(catalog);
  const counts = countByStatus(rows);
  const cutoff = formatIsoDate(catalog.dataCutoff, lang);
  if (rows.length === 0) return <p className="muted">{t("progress.empty")}</p>;
  return (
    <div className="progress">
      <h2 className="panel-title">{t("progress.title")}</h2>
      <p className="muted">{t("progress.caption", { date: cutoff })}</p>
      <p className="progress__summary" data-testid="progress-summary">
        {t("progress.summary", { ...counts, stale: rows.filter((r) => r.stale).length })}
      </p>
      <div className="progress__scroll">
        <table className="progress__table" data-testid="progress-table">
          <thead>
            <tr>
              <th scope="col">{t("progress.component")}</th>
              <th scope="col">{t("progress.agency")}</th>
              <th scope="col">{t("progress.level")}</th>
              <th scope="col">{t("progress.status")}</th>
              <th scope="col">{t("progress.dataAsOf")}</th>
              <th scope="col">{t("progress.flag")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ layer, stale }) => (
              <tr
                key={layer.id}
                data-testid={`progress-row-${layer.id}`}
                data-stale={stale ? "true" : "false"}
                className={stale ? "progress__row--stale" : undefined}
              >
                <th scope="row">
                  {layer.title[lang]}
                  <span className="progress__instrument">{layer.legalBasis.instrument}</span>
                </th>
                <td>{layer.agency[lang]}</td>
                <td>{t(`levelsShort.${layer.level}`)}</td>
                <td>
                  <span className={`status status--${layer.status}`}>
                    {t(`status.${layer.status}`)}
                  </span>
                </td>
                <td>{formatIsoDate(layer.dataAsOf, lang)}</td>
                <td>
                  {stale && (
                    <span className="flag" title={t("progress.staleHint", { date: cutoff })}>
                      ⚠ {t("progress.stale")}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
