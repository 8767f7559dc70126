import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_REVIEWER } from "../core/review/index";
import { useAppStore, useDispatch } from "../state/store";

/**
 * The name flags are signed with: asked once (then kept by the app in the browser), shown with a
 * button to change it.
 */
export function ReviewerName({ disabled }: { disabled: boolean }) {
  const reviewer = useAppStore((s) => s.review.reviewer);
  const dispatch = useDispatch();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(reviewer);
  const id = useId();
  if (reviewer && !editing) {
    return (
      <p className="flag-reviewer" data-testid="flag-reviewer">
        {t("reviewer.is")}: <strong>{reviewer}</strong>{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setDraft(reviewer);
            setEditing(true);
          }}
        >
          {t("reviewer.change")}
        </button>
      </p>
    );
  }
  const save = () => {
    const name = draft.trim();
    if (!name) return;
    dispatch({ type: "set-reviewer", name });
    setEditing(false);
  };
  return (
    <form
      className="flag-reviewer flag-reviewer--ask"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label htmlFor={id}>{t("reviewer.label")}</label>
      <input
        id={id}
        data-testid="flag-reviewer-input"
        value={draft}
        maxLength={MAX_REVIEWER}
        disabled={disabled}
        autoComplete="name"
        onChange={(event) => setDraft(event.target.value)}
      />
      <button
        type="submit"
        data-testid="flag-reviewer-save"
        disabled={disabled || draft.trim() === ""}
      >
        {t("reviewer.save")}
      </button>
      <p className="muted">{t("reviewer.hint")}</p>
    </form>
  );
}
