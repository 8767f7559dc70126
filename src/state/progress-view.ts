import {
  PLAN_LEVELS,
  PLAN_STATUSES,
  type PlanLevel,
  type PlanStatus,
} from "../core/catalog/schema";
import type { ProgressRow } from "./progress";
import type { Language } from "./url-state";

/** Which rows the progress table shows: null means "all". Agencies are compared by their text. */
export type ProgressFilter = {
  agency: string | null;
  level: PlanLevel | null;
  status: PlanStatus | null;
};

/** Columns the progress table sorts by. */
export type ProgressSortKey = "component" | "agency" | "level" | "status" | "dataAsOf";
export type ProgressSort = { key: ProgressSortKey; direction: "ascending" | "descending" };

export const NO_PROGRESS_FILTER: ProgressFilter = { agency: null, level: null, status: null };
/** The catalogue's own order (hierarchy: national first). */
export const DEFAULT_PROGRESS_SORT: ProgressSort = { key: "level", direction: "ascending" };

/** The agencies of the rows in the language shown, each once, in that language's alphabetical order. */
export function progressAgencies(rows: readonly ProgressRow[], lang: Language): string[] {
  const collator = new Intl.Collator(lang);
  return [...new Set(rows.map((r) => r.layer.agency[lang]))].sort(collator.compare);
}

/**
 * The rows to show: those matching every set filter, sorted by a column. Levels sort in the
 * planning hierarchy (national → city), statuses in workflow order (drafting → approved), text in
 * the language's collation and dates as dates; ties keep the catalogue's order.
 */
export function viewProgressRows(
  rows: readonly ProgressRow[],
  filter: ProgressFilter,
  sort: ProgressSort,
  lang: Language,
): ProgressRow[] {
  const collator = new Intl.Collator(lang);
  const shown = rows.filter(
    ({ layer }) =>
      (filter.agency === null || layer.agency[lang] === filter.agency) &&
      (filter.level === null || layer.level === filter.level) &&
      (filter.status === null || layer.status === filter.status),
  );
  const compare = (a: ProgressRow, b: ProgressRow): number => {
    switch (sort.key) {
      case "component":
        return collator.compare(a.layer.title[lang], b.layer.title[lang]);
      case "agency":
        return collator.compare(a.layer.agency[lang], b.layer.agency[lang]);
      case "level":
        return PLAN_LEVELS.indexOf(a.layer.level) - PLAN_LEVELS.indexOf(b.layer.level);
      case "status":
        return PLAN_STATUSES.indexOf(a.layer.status) - PLAN_STATUSES.indexOf(b.layer.status);
      case "dataAsOf":
        return a.layer.dataAsOf < b.layer.dataAsOf
          ? -1
          : a.layer.dataAsOf > b.layer.dataAsOf
            ? 1
            : 0;
    }
  };
  const sign = sort.direction === "ascending" ? 1 : -1;
  return shown
    .map((row, order) => ({ row, order }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.order - b.order)
    .map(({ row }) => row);
}
