import { useTranslation } from "react-i18next";
import type { CompareController } from "../app/use-compare";
import type { ComparePiece } from "../core/compare/index";
import type { PlanView } from "../state/plan-view";
import type { LoadedProposal } from "../state/proposal-layer";
import { ComparePanel } from "./compare-panel";
import { CompareStatus } from "./compare-status";

// In state/ so the app can read the view without loading this tab's chunk.
export { type PlanView, planViewOf } from "../state/plan-view";

const VIEWS: PlanView[] = ["both", "before", "after"];

/**
 * The "So sánh / Compare" tab: before/after on the map (the current city plan, the proposal, or
 * both under the changes), the comparison's progress, then what the proposal changes (the
 * comparison panel: totals, exports, legend, areas by transition, pieces).
 */
export function ProposalCompare({
  compare,
  proposal,
  currentName,
  view,
  onView,
  onSelectPiece,
  onRerun,
  waiting,
  districtName,
}: {
  compare: CompareController;
  proposal: LoadedProposal;
  currentName: string;
  view: PlanView | null;
  onView: (view: PlanView) => void;
  onSelectPiece: (piece: ComparePiece) => void;
  onRerun: () => void;
  /** The current plan layer has not loaded yet: the comparison waits for it. */
  waiting: boolean;
  districtName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const { state } = compare;
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
      {state.run && <CompareStatus state={state.run} onCancel={compare.cancel} />}
      {state.run && state.run.status !== "running" && (
        <button type="button" className="button" data-testid="compare-rerun" onClick={onRerun}>
          {t("import.rerun")}
        </button>
      )}
      {state.last && (
        <ComparePanel
          comparison={state.last.comparison}
          colors={state.last.colors}
          proposalFile={proposal.file}
          currentName={currentName}
          selectedId={state.selected}
          onSelect={onSelectPiece}
          districtName={districtName}
        />
      )}
    </section>
  );
}
