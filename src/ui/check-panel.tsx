import type { FeatureCollection } from "geojson";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { checkerNotes, runCoverage, splitRunnable } from "../state/check-coverage";
import type { LayerFailure } from "../state/check-data";
import { checkedRules, GROUP_BY, type GroupBy } from "../state/check-state";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import { replacedLayer, rulesOf } from "../state/store-selectors";
import type { Language } from "../state/url-state";
import { CheckControls } from "./check-controls";
import { CheckCoverageNotice } from "./check-coverage-notice";
import { CheckFindings } from "./check-findings";
import { CheckLayersNotice } from "./check-layers-notice";
import { CheckLegend } from "./check-legend";
import { CheckProblemRow } from "./check-problem-row";
import { CheckRuleList } from "./check-rule-list";
import { CheckRulesNotice } from "./check-rules-notice";
import { CheckSummary } from "./check-summary";
import { DossierPrint } from "./dossier/dossier-print";
import { FlagSaveStatus } from "./flag-save-status";
import { Notice } from "./notice";
import { ReviewServerStatus } from "./review-server-status";
import { useDistrictNames } from "./use-district-names";
import { useFindingNames } from "./use-finding-names";

const NO_LAYERS: Record<string, FeatureCollection> = {};
const NO_FAILURES: LayerFailure[] = [];

/**
 * The "Kiểm tra" tab: choose rules, run the check on the workers (progress, cancel), then the
 * summary, the map legend and the findings grouped by rule, district or severity. Layers that did
 * not load and rules that did not run are named, before a run and in its results.
 */
export function CheckPanel({ catalog }: { catalog: readonly LayerEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const state = useAppStore((s) => s.check);
  const rules = useAppStore((s) => s.resources.rules);
  const data = useAppStore((s) => s.resources.checkData);
  const catalogFile = useAppStore((s) => s.resources.catalogFile);
  const proposal = useAppStore((s) => s.app.proposal);
  const replaced = useAppStore(replacedLayer);
  const districtNames = useDistrictNames();
  const dispatch = useDispatch();
  const commands = useCommands();
  const valid = useAppStore(rulesOf);
  const ruleOrder = useMemo(() => valid.map((r) => r.id), [valid]);
  const checked = checkedRules(state, ruleOrder);
  const layers = data?.status === "ready" ? data.data.layers : NO_LAYERS;
  const names = useFindingNames(valid, catalog, layers, districtNames);
  const failed = data?.status === "ready" ? data.failed : NO_FAILURES;
  // Rules that cannot run, with the layers they lack: tagged in the list, counted by the controls.
  const cannotRun = useMemo(
    () =>
      new Map(
        splitRunnable(valid, failed).blocked.map((b) => [
          b.rule,
          t("check.cannotRunHint", {
            layers: b.unreadable.map((u) => names.layer(u.layer)).join(", "),
          }),
        ]),
      ),
    [valid, failed, names, t],
  );
  const checkedCannotRun = checked.filter((id) => cannotRun.has(id));
  const running = state.running !== null;
  const loading = data?.status === "waiting" ? data.loading : [];
  const blocked =
    rules.status === "loading"
      ? t("check.loadingRules")
      : rules.status === "none"
        ? t("check.noRulesFile")
        : valid.length === 0
          ? t("check.noRules")
          : data?.status !== "ready"
            ? t("check.waiting", {
                count: loading.length,
                layers: loading.map((id) => names.layer(id)).join(", "),
              })
            : checked.length === 0
              ? t("check.noneSelected")
              : checkedCannotRun.length === checked.length
                ? t("check.noneCanRun")
                : null;
  const last = state.last;
  const coverage = useMemo(() => last && runCoverage(last), [last]);
  const notes = last && coverage ? checkerNotes(last.result.problems, coverage) : [];
  // Once a run has left out these very rules, its results say so: the note would say it twice.
  const told = last?.skipped.map((s) => s.rule).join() === checkedCannotRun.join();
  const note =
    checkedCannotRun.length > 0 && !told
      ? t("check.someCannotRun", { n: checkedCannotRun.length, total: checked.length })
      : null;
  return (
    <section className="check" aria-labelledby="check-title">
      <h2 id="check-title" className="panel-title">
        {t("check.title")}
      </h2>
      <p className="muted">{t("check.intro")}</p>
      {proposal && (
        <p className="check-proposal" data-testid="check-proposal">
          {t("import.checking", {
            file: proposal.file,
            title: replaced ? replaced.title[lang] : proposal.replaces,
          })}
        </p>
      )}
      <ReviewServerStatus lang={lang} />
      <FlagSaveStatus lang={lang} />
      <CheckRulesNotice rules={rules} />
      <CheckLayersNotice failed={failed} layerName={names.layer} catalogFile={catalogFile} />
      {valid.length > 0 && (
        <CheckRuleList
          rules={valid}
          checked={checked}
          disabled={running}
          cannotRun={cannotRun}
          onToggle={(id, on) => dispatch({ type: "toggle-rule", id, on })}
          onAll={(on) => dispatch({ type: "set-all-rules", ids: ruleOrder, on })}
        />
      )}
      <CheckControls
        running={running}
        progress={state.progress}
        blocked={blocked}
        note={note}
        cancelled={state.cancelled}
        onRun={commands.runCheck}
        onCancel={commands.cancelCheck}
      />
      {state.error && (
        <Notice tone="error" testId="check-error" title={t("check.failed")}>
          <p className="notice__text">{state.error}</p>
          {last && <p className="notice__text">{t("check.keptPrevious")}</p>}
        </Notice>
      )}
      {last && coverage && (
        <>
          <CheckCoverageNotice coverage={coverage} selected={last.rules.length} names={names} />
          <CheckSummary run={last} coverage={coverage} />
          <DossierPrint
            run={last}
            rules={valid}
            catalog={catalog}
            layers={layers}
            districts={data?.status === "ready" ? data.data.districts : null}
            names={names}
          />
          {notes.length > 0 && (
            <Notice
              tone="info"
              testId="check-problems"
              title={t("check.engineProblems", { n: notes.length })}
            >
              <ul className="notice__list">
                {notes.map((p) => (
                  <CheckProblemRow key={`${p.rule}:${p.message.en}`} problem={p} />
                ))}
              </ul>
            </Notice>
          )}
          {last.result.findings.length > 0 && (
            <>
              <CheckLegend />
              <label className="check-group-by">
                {t("check.groupBy")}
                <select
                  data-testid="check-group-by"
                  value={state.groupBy}
                  onChange={(event) =>
                    dispatch({ type: "set-group-by", groupBy: event.target.value as GroupBy })
                  }
                >
                  {GROUP_BY.map((by) => (
                    <option key={by} value={by}>
                      {t(`check.group.${by}`)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <CheckFindings findings={last.result.findings} ruleOrder={ruleOrder} names={names} />
        </>
      )}
    </section>
  );
}
