import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Catalog } from "../core/catalog/parse-catalog";
import {
  PLAN_LEVELS,
  PLAN_STATUSES,
  type PlanLevel,
  type PlanStatus,
} from "../core/catalog/schema";
import { formatIsoDate } from "../state/format";
import { buildProgressRows, countByStatus } from "../state/progress";
import {
  DEFAULT_PROGRESS_SORT,
  NO_PROGRESS_FILTER,
  type ProgressFilter,
  type ProgressSort,
  type ProgressSortKey,
  progressAgencies,
  viewProgressRows,
} from "../state/progress-view";
import { useCommands, useDispatch } from "../state/store";
import type { Language } from "../state/url-state";
import { ProgressFilters } from "./progress-filters";

type Props = { catalog: Catalog };

const COLUMNS: {
  key: ProgressSortKey;
  label: "component" | "agency" | "level" | "status" | "dataAsOf";
}[] = [
  { key: "component", label: "component" },
  { key: "agency", label: "agency" },
  { key: "level", label: "level" },
  { key: "status", label: "status" },
  { key: "dataAsOf", label: "dataAsOf" },
];

/**
 * The Department of Planning and Investment's view: each plan component with its agency, level,
 * workflow status and data date, flagging data older than the catalogue's cut-off. Filtered by
 * agency, level and status, sorted by any column (its header is a button; the sort is announced
 * with `aria-sort`), each row with a button that shows its layer on the map.
 */
export function ProgressTable({ catalog }: Props) {
  const { t, i18n } = useTranslation();
  const dispatch = useDispatch();
  const { zoomToLayer } = useCommands();
  const onShow = (id: string) => {
    dispatch({ type: "set-visible", id, visible: true });
    zoomToLayer(id);
  };
  const lang = i18n.language as Language;
  const [filter, setFilter] = useState<ProgressFilter>(NO_PROGRESS_FILTER);
  const [sort, setSort] = useState<ProgressSort>(DEFAULT_PROGRESS_SORT);
  const rows = buildProgressRows(catalog);
  const counts = countByStatus(rows);
  const cutoff = formatIsoDate(catalog.dataCutoff, lang);
  if (rows.length === 0) return <p className="muted">{t("progress.empty")}</p>;
  const shown = viewProgressRows(rows, filter, sort, lang);
  const levels = PLAN_LEVELS.filter((level) => rows.some((r) => r.layer.level === level));
  const sortBy = (key: ProgressSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { key, direction: "ascending" },
    );
  return (
    <div className="progress">
      <h2 className="panel-title">{t("progress.title")}</h2>
      <p className="muted">{t("progress.caption", { date: cutoff })}</p>
      <p className="progress__summary" data-testid="progress-summary">
        {t("progress.summary", { ...counts, stale: rows.filter((r) => r.stale).length })}
      </p>
      <ProgressFilters
        filter={filter}
        onFilter={setFilter}
        agencies={progressAgencies(rows, lang)}
        levels={levels as PlanLevel[]}
        statuses={PLAN_STATUSES as readonly PlanStatus[]}
      />
      <p className="muted" aria-live="polite" data-testid="progress-count">
        {t("progress.shownCount", { shown: shown.length, total: rows.length })}
      </p>
      <div className="progress__scroll">
        <table className="progress__table" data-testid="progress-table">
          <thead>
            <tr>
              {COLUMNS.map(({ key, label }) => (
                <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : undefined}>
                  <button
                    type="button"
                    className="progress__sort"
                    data-testid={`progress-sort-${key}`}
                    onClick={() => sortBy(key)}
                  >
                    {t(`progress.${label}`)}
                    <span aria-hidden="true" className="progress__sort-mark">
                      {sort.key === key ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">{t("progress.flag")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("progress.show")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ layer, stale }) => (
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
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`progress-show-${layer.id}`}
                    aria-label={t("progress.showLabel", { name: layer.title[lang] })}
                    onClick={() => onShow(layer.id)}
                  >
                    {t("progress.show")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
