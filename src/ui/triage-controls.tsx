import { useTranslation } from "react-i18next";
import type { Severity } from "../core/check/index";
import { STATUS_NAMES } from "../core/review/index";
import { useAppStore, useDispatch } from "../state/store";
import {
  isReviewStatusKey,
  isSeverity,
  REVIEW_STATUS_KEYS,
  SEVERITIES,
  SORT_KEYS,
  type SortKey,
  sortKey,
  sortOfKey,
  type TriageFilter,
} from "../state/triage-filter";
import type { Language } from "../state/url-state";
import { type Choice, ChoiceList } from "./choice-list";

type Props = {
  lang: Language;
  /** Rule ids with their titles, in the rules file's order. */
  rules: readonly { id: string; title: string }[];
  /** District keys found in the run with their names, sorted by name. */
  districts: readonly { code: string; name: string }[];
  severityName: (severity: Severity) => string;
};

/** What each order is called (the keys of `triage.*` in the translations). */
const SORT_LABELS = {
  "area-desc": "sortAreaDesc",
  "area-asc": "sortAreaAsc",
  "share-desc": "sortShareDesc",
  "share-asc": "sortShareAsc",
} as const satisfies Record<SortKey, string>;

/**
 * The choices, and after them any chosen value they lack (a link's district this run did not
 * find): shown by its code, so it can be unticked.
 */
function withChosen(choices: Choice[], chosen: readonly string[] | undefined): Choice[] {
  const known = new Set(choices.map((c) => c.value));
  const extra = (chosen ?? []).filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }));
  return [...choices, ...extra];
}

/**
 * The reviewer's filter (severity, rule, district, review status, minimum area in ha) and order
 * (area or share) of the findings list, kept in the store's check slice.
 */
export function TriageControls({ lang, rules, districts, severityName }: Props) {
  const { filter, sort } = useAppStore((s) => s.check.triage);
  const dispatch = useDispatch();
  const { t } = useTranslation();
  const set = (patch: Partial<TriageFilter>) => dispatch({ type: "set-triage-filter", patch });
  const minHa = (filter.minAreaSquareMeters ?? 0) / 10_000;
  return (
    <fieldset className="triage" data-testid="triage">
      <legend>{t("triage.title")}</legend>
      <ChoiceList
        label={t("triage.severity")}
        testId="triage-severity"
        choices={SEVERITIES.map((severity) => ({ value: severity, label: severityName(severity) }))}
        chosen={filter.severities ?? []}
        onChange={(chosen) => set({ severities: chosen.filter(isSeverity) })}
      />
      <ChoiceList
        folded
        label={t("triage.rule")}
        testId="triage-rule"
        choices={withChosen(
          rules.map((r) => ({ value: r.id, label: r.title })),
          filter.rules,
        )}
        chosen={filter.rules ?? []}
        onChange={(chosen) => set({ rules: chosen })}
      />
      <ChoiceList
        folded
        label={t("triage.district")}
        testId="triage-district"
        choices={withChosen(
          districts.map((d) => ({ value: d.code, label: d.name })),
          filter.districts,
        )}
        chosen={filter.districts ?? []}
        onChange={(chosen) => set({ districts: chosen })}
      />
      <ChoiceList
        folded
        label={t("triage.reviewStatus")}
        testId="triage-status"
        choices={REVIEW_STATUS_KEYS.map((status) => ({
          value: status,
          label: status === "unflagged" ? t("triage.unflagged") : STATUS_NAMES[status][lang],
        }))}
        chosen={filter.reviewStatuses ?? []}
        onChange={(chosen) => set({ reviewStatuses: chosen.filter(isReviewStatusKey) })}
      />
      <label className="triage__row">
        {t("triage.minArea")}
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
        {t("triage.sort")}
        <select
          data-testid="triage-sort"
          value={sortKey(sort)}
          onChange={(event) => {
            const chosen = sortOfKey(event.target.value);
            if (chosen) dispatch({ type: "set-triage-sort", sort: chosen });
          }}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {t(`triage.${SORT_LABELS[key]}`)}
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
        {t("triage.clear")}
      </button>
    </fieldset>
  );
}
