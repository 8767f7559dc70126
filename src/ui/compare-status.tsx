import { useTranslation } from "react-i18next";
import { formatNumber } from "../state/format";
import type { Language } from "../state/url-state";
import { RunProgress } from "./progress-bar";

/** Where a comparison run is (what `useCompare` or the caller tracks from `CompareRunner`). */
export type CompareStatusState =
  | { status: "running"; done: number; total: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

/**
 * A comparison in progress (bar, zones done, a cancel button), or how the last one ended without a
 * result: cancelled, or failed with the reason and what to do.
 */
export function CompareStatus({
  state,
  onCancel,
}: {
  state: CompareStatusState;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (value: number) => formatNumber(value, lang, 0);
  if (state.status === "cancelled") {
    return (
      <p className="compare-status" role="status" data-testid="compare-status">
        {t("compare.status.cancelled")}
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <p
        className="compare-status compare-status--failed"
        role="alert"
        data-testid="compare-status"
      >
        {t("compare.status.failed", { message: state.message })}
      </p>
    );
  }
  const { done, total } = state;
  return (
    <RunProgress
      done={done}
      total={total}
      label={t("compare.status.progressLabel")}
      text={
        total > 0
          ? t("compare.status.running", { done: n(done), total: n(total) })
          : t("compare.status.preparing")
      }
      className="compare-progress"
      statusClassName="compare-status"
      testId="compare"
    >
      <button type="button" className="button" data-testid="compare-cancel" onClick={onCancel}>
        {t("compare.status.cancel")}
      </button>
    </RunProgress>
  );
}
