import type { Severity } from "../core/check/index";
import { FLAG_STATUSES, STATUS_NAMES } from "../core/review/index";
import { useAppStore, useDispatch } from "../state/store";
import type { ReviewStatusKey, TriageFilter, TriageSort } from "../state/triage-filter";
import type { Language } from "../state/url-state";
import { TEXT } from "./review-texts";

type Props = {
  lang: Language;
  /** Rule ids with their titles, in the rules file's order. */
  rules: readonly { id: string; title: string }[];
  /** District keys found in the run with their names, sorted by name. */
  districts: readonly { code: string; name: string }[];
  severityName: (severity: Severity) => string;
};

const SORTS: { value: string; sort: TriageSort; label: keyof typeof TEXT }[] = [
  { value: "area-desc", sort: { by: "area", direction: "desc" }, label: "sortAreaDesc" },
  { value: "area-asc", sort: { by: "area", direction: "asc" }, label: "sortAreaAsc" },
  { value: "share-desc", sort: { by: "share", direction: "desc" }, label: "sortShareDesc" },
  { value: "share-asc", sort: { by: "share", direction: "asc" }, label: "sortShareAsc" },
];

/** One choice of a list filter: "" is "all". */
const one = <T extends string>(value: string): T[] => (value === "" ? [] : [value as T]);

/**
 * The reviewer's filter (severity, rule, district, review status, minimum area in ha) and order
 * (area or share) of the findings list, kept in the store's check slice.
 */
export function TriageControls({ lang, rules, districts, severityName }: Props) {
  const { filter, sort } = useAppStore((s) => s.check.triage);
  const dispatch = useDispatch();
  const set = (patch: Partial<TriageFilter>) => dispatch({ type: "set-triage-filter", patch });
  const severities = filter.severities ?? [];
  const toggleSeverity = (severity: Severity, on: boolean) => {
    const rest = severities.filter((s) => s !== severity);
    set({ severities: on ? [...rest, severity] : rest });
  };
  const minHa = (filter.minAreaSquareMeters ?? 0) / 10_000;
  const sortValue = `${sort.by}-${sort.direction}`;
  return (
    <fieldset className="triage" data-testid="triage">
      <legend>{TEXT.filterTitle[lang]}</legend>
      <div className="triage__row">
        <span>{TEXT.severity[lang]}:</span>
        {(["error", "warning"] as const).map((severity) => (
          <label key={severity} className="triage__check">
            <input
              type="checkbox"
              data-testid={`triage-severity-${severity}`}
              checked={severities.includes(severity)}
              onChange={(event) => toggleSeverity(severity, event.target.checked)}
            />
            {severityName(severity)}
          </label>
        ))}
      </div>
      <label className="triage__row">
        {TEXT.rule[lang]}
        <select
          data-testid="triage-rule"
          value={filter.rules?.[0] ?? ""}
          onChange={(event) => set({ rules: one(event.target.value) })}
        >
          <option value="">{TEXT.any[lang]}</option>
          {rules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <label className="triage__row">
        {TEXT.district[lang]}
        <select
          data-testid="triage-district"
          value={filter.districts?.[0] ?? ""}
          onChange={(event) => set({ districts: one(event.target.value) })}
        >
          <option value="">{TEXT.any[lang]}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="triage__row">
        {TEXT.reviewStatus[lang]}
        <select
          data-testid="triage-status"
          value={filter.reviewStatuses?.[0] ?? ""}
          onChange={(event) => set({ reviewStatuses: one<ReviewStatusKey>(event.target.value) })}
        >
          <option value="">{TEXT.any[lang]}</option>
          <option value="unflagged">{TEXT.unflagged[lang]}</option>
          {FLAG_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_NAMES[status][lang]}
            </option>
          ))}
        </select>
      </label>
      <label className="triage__row">
        {TEXT.minArea[lang]}
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          data-testid="triage-min-area"
          value={minHa === 0 ? "" : minHa}
          onChange={(event) => {
            const ha = Number(event.target.value);
            set({ minAreaSquareMeters: Number.isFinite(ha) && ha > 0 ? ha * 10_000 : 0 });
          }}
        />
      </label>
      <label className="triage__row">
        {TEXT.sort[lang]}
        <select
          data-testid="triage-sort"
          value={sortValue}
          onChange={(event) => {
            const chosen = SORTS.find((s) => s.value === event.target.value);
            if (chosen) dispatch({ type: "set-triage-sort", sort: chosen.sort });
          }}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {TEXT[s.label][lang]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="link-button"
        data-testid="triage-clear"
        onClick={() =>
          set({
            severities: [],
            rules: [],
            districts: [],
            reviewStatuses: [],
            minAreaSquareMeters: 0,
          })
        }
      >
        {TEXT.clearFilter[lang]}
      </button>
    </fieldset>
  );
}
