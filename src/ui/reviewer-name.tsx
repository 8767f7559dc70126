import { useId } from "react";
import { useTranslation } from "react-i18next";
import { MAX_REVIEWER } from "../core/review/index";
import { useAppStore, useDispatch } from "../state/store";

/**
 * The reviewer's name, which every flag and change is signed with (`review.reviewer`; the app keeps
 * it in the browser). While it is empty the field says why it is needed. Shared by every panel
 * that flags, so the name is asked for the same way everywhere.
 */
export function ReviewerName({ testId = "reviewer-name" }: { testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const reviewer = useAppStore((s) => s.review.reviewer);
  const dispatch = useDispatch();
  const missing = reviewer.trim() === "";
  return (
    <div className={`reviewer-name${missing ? " reviewer-name--missing" : ""}`}>
      <label htmlFor={id} className="reviewer-name__label">
        {t("reviewer.label")}
      </label>
      <input
        id={id}
        type="text"
        className="reviewer-name__input"
        data-testid={testId}
        value={reviewer}
        maxLength={MAX_REVIEWER}
        placeholder={t("reviewer.placeholder")}
        autoComplete="name"
        aria-describedby={missing ? `${id}-needed` : undefined}
        onChange={(event) => dispatch({ type: "set-reviewer", name: event.target.value })}
      />
      {missing && (
        <p id={`${id}-needed`} className="reviewer-name__needed">
          {t("reviewer.needed")}
        </p>
      )}
    </div>
  );
}
