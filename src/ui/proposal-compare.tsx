import { useTranslation } from "react-i18next";
import type { LayerSettings } from "../state/layer-settings";
import type { LoadedProposal } from "../state/proposal-layer";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import { checkRunning, replacedLayer } from "../state/store-selectors";
import type { Language } from "../state/url-state";
import { ComparePanel } from "./compare-panel";
import { CompareStatus } from "./compare-status";
import { useDistrictNames } from "./use-district-names";

/** Which plan the map shows under the comparison. */
export type PlanView = "both" | "before" | "after";

const VIEWS: PlanView[] = ["both", "before", "after"];

/** The view the layer settings amount to: the current plan, the proposal, or both shown. */
export function planViewOf(settings: LayerSettings, proposal: LoadedProposal): PlanView | null {
  const before = settings[proposal.replaces]?.visible ?? false;
  const after = settings[proposal.entry.id]?.visible ?? false;
  if (before && after) return "both";
  if (before) return "before";
  if (after) return "after";
  return null;
}

/**
 * The "So sánh / Compare" tab: before/after on the map (the current city plan, the proposal, or
 * both under the changes), the comparison's progress, then what the proposal changes (the
 * comparison panel: totals, exports, legend, areas by transition, pieces).
 */
export function ProposalCompare() {
  const proposal = useAppStore((s) => s.app.proposal);
  if (!proposal) return null;
  return <ProposalCompareTab proposal={proposal} />;
}

function ProposalCompareTab({ proposal }: { proposal: LoadedProposal }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const state = useAppStore((s) => s.compare);
  const settings = useAppStore((s) => s.app.layers);
  const replaced = useAppStore(replacedLayer);
  // The current plan has not loaded yet: the comparison waits for it.
  const waiting = useAppStore((s) => s.resources.sources[proposal.replaces]?.status !== "ready");
  // A check is running: the comparison starts after it (use-proposal-compare.ts), unless asked now.
  const afterCheck = useAppStore(checkRunning) && !waiting && !state.run;
  const commands = useCommands();
  const dispatch = useDispatch();
  const districtNames = useDistrictNames();
  const currentName = replaced ? replaced.title[lang] : proposal.replaces;
  const view = planViewOf(settings, proposal);
  const onView = (next: PlanView) => {
    dispatch({ type: "set-visible", id: proposal.replaces, visible: next !== "after" });
    dispatch({ type: "set-visible", id: proposal.entry.id, visible: next !== "before" });
  };
  return (
    <section className="proposal-compare" data-testid="proposal-compare">
      <fieldset className="plan-view" data-testid="plan-view">
        <legend>{t("import.view.label")}</legend>
        {VIEWS.map((id) => (
          <label key={id} className="plan-view__option">
            <input
              type="radio"
              name="plan-view"
              value={id}
              data-testid={`plan-view-${id}`}
              checked={view === id}
              onChange={() => onView(id)}
            />
            {t(`import.view.${id}`)}
          </label>
        ))}
      </fieldset>
      {waiting && <p className="muted">{t("import.waiting")}</p>}
      {afterCheck && (
        <p className="muted" data-testid="compare-after-check">
          {t("import.afterCheck")}
        </p>
      )}
      {state.run && <CompareStatus state={state.run} onCancel={commands.cancelCompare} />}
      {/* before a comparison, "compare now"; after one (done, failed or cancelled), "again" */}
      {(afterCheck || (state.run && state.run.status !== "running")) && (
        <button
          type="button"
          className="button"
          data-testid={afterCheck ? "compare-now" : "compare-rerun"}
          onClick={commands.rerunCompare}
        >
          {t(afterCheck ? "import.compareNow" : "import.rerun")}
        </button>
      )}
      {state.last && (
        <ComparePanel
          comparison={state.last.comparison}
          colors={state.last.colors}
          proposalFile={proposal.file}
          currentName={currentName}
          selectedId={state.selected}
          onSelect={commands.selectPiece}
          districtName={(code) => districtNames.get(code) ?? code}
        />
      )}
    </section>
  );
}
