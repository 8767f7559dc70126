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
  return (
    <fieldset className="progress__filters">
      <legend className="visually-hidden">{t("progress.filters")}</legend>
      <FilterSelect
        name="agency"
        label={t("progress.filterAgency")}
        value={filter.agency}
        options={agencies.map((agency) => [agency, agency])}
        onChange={(agency) => onFilter({ ...filter, agency })}
      />
      <FilterSelect
        name="level"
        label={t("progress.filterLevel")}
        value={filter.level}
        options={levels.map((level) => [level, t(`levelsShort.${level}`)])}
        onChange={(level) => onFilter({ ...filter, level })}
      />
      <FilterSelect
        name="status"
        label={t("progress.filterStatus")}
        value={filter.status}
        options={statuses.map((status) => [status, t(`status.${status}`)])}
        onChange={(status) => onFilter({ ...filter, status })}
      />
    </fieldset>
  );
}

/** One labelled filter: "all" (null) or one of the values, each shown with its words. */
function FilterSelect<T extends string>({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: string;
  label: string;
  value: T | null;
  options: readonly (readonly [T, string])[];
  onChange: (value: T | null) => void;
}) {
  const { t } = useTranslation();
  const id = `${useId()}-${name}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={`progress-filter-${name}`}
        value={value ?? ""}
        onChange={(event) => onChange((event.target.value || null) as T | null)}
      >
        <option value="">{t("progress.all")}</option>
        {options.map(([option, words]) => (
          <option key={option} value={option}>
            {words}
          </option>
        ))}
      </select>
    </>
  );
}
