import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { attachFlags, type Flag } from "../core/review/index";
import { CITY_KEY, NO_DISTRICT_KEY } from "../state/check-groups";
import { useAppStore, useCommands } from "../state/store";
import { applyTriage, statusFromFlags, type TriageView } from "../state/triage-filter";
import { indexFindings, type TriageIndex } from "../state/triage-index";
import type { Language } from "../state/url-state";
import { CheckResults } from "./check-results";
import { HeadlineArea } from "./headline-area";
import { NoLongerFound } from "./no-longer-found";
import { TriageControls } from "./triage-controls";
import type { FindingNames } from "./use-finding-names";
import { PREPARE_IN_STEPS_FROM, usePreparedRun } from "./use-prepared-run";

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/**
 * A run's findings as a reviewer works through them: the filter and order (triage), the counts and
 * areas of what passes, the headline area counted once per rule, the grouped list with each
 * finding's flag, and the flags whose finding is no longer found.
 */
export function CheckFindings({
  findings,
  ruleOrder,
  names,
}: {
  findings: readonly Finding[];
  ruleOrder: readonly string[];
  names: FindingNames;
}) {
  const { t } = useTranslation();
  const lang: Language = names.lang;
  const { groupBy, selected, missing, triage } = useAppStore((s) => s.check);
  const snapshot = useAppStore((s) => s.review.flags);
  const commands = useCommands();
  const flags = snapshot?.flags ?? NO_FLAGS;
  const prepared = usePreparedRun(findings, {
    flags,
    triage,
    groupBy,
    ruleOrder,
    districtName: names.district,
  });
  // a large run waits for its steps (`usePreparedRun`); what they worked out is taken as it is
  const ready = findings.length <= PREPARE_IN_STEPS_FROM || prepared !== null;
  const index = useMemo(
    () => (ready ? (prepared?.index ?? indexFindings(findings)) : null),
    [ready, prepared, findings],
  );
  const attached = useMemo(
    () =>
      !ready
        ? null
        : prepared?.flags === flags
          ? prepared.attached
          : attachFlags(flags.values(), findings),
    [ready, prepared, flags, findings],
  );
  // the last view: a flag change that leaves the same findings listed keeps the list (and so its
  // groups and headline area) as it was
  const last = useRef<{ index: TriageIndex; view: TriageView } | undefined>(undefined);
  const view = useMemo(() => {
    if (!index || !attached) return null;
    if (prepared?.index === index && prepared.attached === attached && prepared.triage === triage)
      return prepared.view;
    const statusOf = statusFromFlags(attached.byFinding);
    const previous = last.current?.index === index ? last.current.view : undefined;
    return applyTriage(index, triage.filter, triage.sort, statusOf, previous);
  }, [index, triage, attached, prepared]);
  useEffect(() => {
    if (index && view) last.current = { index, view };
  }, [index, view]);
  const rules = useMemo(
    () => ruleOrder.map((id) => ({ id, title: names.rule(id) })),
    [ruleOrder, names],
  );
  const districts = useMemo(() => {
    if (!index) return [];
    const name = (code: string) =>
      code === CITY_KEY
        ? t("check.group.city")
        : code === NO_DISTRICT_KEY
          ? t("check.group.noDistrict")
          : names.district(code);
    return index.districts
      .map((code) => ({ code, name: name(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }, [index, names, t]);
  if (!attached || !view) {
    return (
      <p className="muted" role="status" data-testid="check-preparing">
        {t("triage.preparingList", { count: findings.length })}
      </p>
    );
  }
  const { totals } = view;
  if (findings.length === 0) {
    return <NoLongerFound flags={attached.noLongerFound} names={names} />;
  }
  return (
    <>
      <TriageControls
        lang={lang}
        rules={rules}
        districts={districts}
        severityName={(s) => t(`check.severity.${s}`)}
      />
      <p
        className="triage__counts"
        data-testid="triage-counts"
        data-shown={totals.count}
        data-errors={totals.errors}
        data-warnings={totals.warnings}
      >
        {t("triage.showing", { shown: totals.count, all: findings.length })} ·{" "}
        {t("check.summary.errors")} {totals.errors} · {t("check.summary.warnings")}{" "}
        {totals.warnings}
      </p>
      <HeadlineArea
        findings={view.findings}
        runFindings={findings}
        summedSquareMeters={totals.areaSquareMeters}
        lang={lang}
      />
      {missing && (
        <p className="check-missing" role="status" data-testid="check-missing">
          {t("triage.missing", { id: missing })}
        </p>
      )}
      {view.findings.length === 0 ? (
        <p className="muted" data-testid="triage-none">
          {t("triage.noneMatch")}
        </p>
      ) : (
        <CheckResults
          findings={view.findings}
          runFindings={findings}
          groupBy={groupBy}
          ruleOrder={ruleOrder}
          names={names}
          selectedId={selected}
          onSelect={commands.selectFinding}
          flags={flags}
        />
      )}
      <NoLongerFound flags={attached.noLongerFound} names={names} />
    </>
  );
}
