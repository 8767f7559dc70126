import { useTranslation } from "react-i18next";
import { formatNumber } from "../state/format";
import type { Language } from "../state/url-state";
import { RunProgress } from "./progress-bar";

type Props = {
  running: boolean;
  progress: { done: number; total: number };
  /** Why the run button is off (data still loading, no rule ticked), or null when it can run. */
  blocked: string | null;
  /** What a run will leave out (ticked rules that cannot run), or null. */
  note: string | null;
  cancelled: boolean;
  onRun: () => void;
  onCancel: () => void;
};

/** Run and cancel, with a progress bar while the workers check. */
export function CheckControls({
  running,
  progress,
  blocked,
  note,
  cancelled,
  onRun,
  onCancel,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { done, total } = progress;
  const n = (value: number) => formatNumber(value, lang, 0);
  return (
    <div className="check-controls">
      <div className="check-controls__buttons">
        <button
          type="button"
          className="button button--primary"
          data-testid="check-run"
          disabled={running || blocked !== null}
          onClick={onRun}
        >
          {t("check.run")}
        </button>
        {running && (
          <button type="button" className="button" data-testid="check-cancel" onClick={onCancel}>
            {t("check.cancel")}
          </button>
        )}
      </div>
      {running ? (
        <RunProgress
          done={done}
          total={total}
          label={t("check.progressLabel")}
          text={
            total > 0
              ? t("check.progress", { done: n(done), total: n(total) })
              : t("check.preparing")
          }
          className="check-progress"
          statusClassName="check-status"
          testId="check"
        />
      ) : (
        <p className="check-status" role="status" data-testid="check-status">
          {blocked ?? (cancelled ? t("check.cancelled") : (note ?? ""))}
        </p>
      )}
    </div>
  );
}
