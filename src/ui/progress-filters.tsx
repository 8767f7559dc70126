import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { PlanLevel, PlanStatus } from "../core/catalog/schema";
import type { ProgressFilter } from "../state/progress-view";

type Props = {
  filter: ProgressFilter;
  onFilter: (filter: ProgressFilter) => void;
  agencies: readonly string[];
  levels: readonly PlanLevel[];
  statuses: readonly PlanStatus[];
};

/** The progress table's filters: agency, plan level and workflow status ("all" by default). */
export function ProgressFilters({ filter, onFilter, agencies, levels, statuses }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  return (
    <fieldset className="progress__filters">
      <legend className="visually-hidden">{t("progress.filters")}</legend>
      <label htmlFor={`${uid}-agency`}>{t("progress.filterAgency")}</label>
      <select
        id={`${uid}-agency`}
        data-testid="progress-filter-agency"
        value={filter.agency ?? ""}
        onChange={(event) => onFilter({ ...filter, agency: event.target.value || null })}
      >
        <option value="">{t("progress.all")}</option>
        {agencies.map((agency) => (
          <option key={agency} value={agency}>
            {agency}
          </option>
        ))}
      </select>
      <label htmlFor={`${uid}-level`}>{t("progress.filterLevel")}</label>
      <select
        id={`${uid}-level`}
        data-testid="progress-filter-level"
        value={filter.level ?? ""}
        onChange={(event) =>
          onFilter({ ...filter, level: (event.target.value || null) as PlanLevel | null })
        }
      >
        <option value="">{t("progress.all")}</option>
        {levels.map((level) => (
          <option key={level} value={level}>
            {t(`levelsShort.${level}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${uid}-status`}>{t("progress.filterStatus")}</label>
      <select
        id={`${uid}-status`}
        data-testid="progress-filter-status"
        value={filter.status ?? ""}
        onChange={(event) =>
          onFilter({ ...filter, status: (event.target.value || null) as PlanStatus | null })
        }
      >
        <option value="">{t("progress.all")}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
