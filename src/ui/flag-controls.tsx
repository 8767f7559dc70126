import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import {
  type Flag,
  type FlagStatus,
  flagIdForFinding,
  MAX_COMMENT,
  needsComment,
  nextStatuses,
  type ReviewIntent,
  STATUS_NAMES,
} from "../core/review/index";
import { flagAbilities } from "../state/review-state";
import { useAppStore, useCommands } from "../state/store";
import type { Language } from "../state/url-state";
import { FlagHistory } from "./flag-history";
import { ReviewerName } from "./reviewer-name";

type Props = {
  /** The finding of the current run (null for a flag whose finding is no longer found). */
  finding: Finding | null;
  /** Its flag (deleted flags too), if it has one. */
  flag: Flag | undefined;
  lang: Language;
  /**
   * Ask for the reviewer's name here (a finding's card); false where the panel around already asks
   * (the review panel's drawn flags).
   */
  askName?: boolean;
};

/**
 * The reviewer's controls of one flag — a finding's (flagged or not yet) or one the reviewer drew:
 * the name flags are signed with, "flag it" (a finding not yet flagged), then the
 * status menu (the changes `nextStatuses` allows, the comment required where `needsComment` says),
 * a comment, and the flag's history. Disabled until the stored flags are read; a refused change
 * says why in the user's language.
 */
export function FlagControls({ finding, flag, lang, askName = true }: Props) {
  const commands = useCommands();
  const { t } = useTranslation();
  const loading = useAppStore((s) => !s.review.flags || s.review.flags.save.kind === "loading");
  const reviewer = useAppStore((s) => s.review.reviewer);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const options = flag && !flag.deleted ? nextStatuses(flag.status) : [];
  const [chosen, setChosen] = useState<FlagStatus | "">("");
  const [toConsultant, setToConsultant] = useState(false);
  const server = useAppStore((s) => s.review.server);
  // what the role may do here: a control the server would refuse is not drawn
  const can = useMemo(() => flagAbilities(server), [server]);
  const addressId = useId();
  const next = chosen !== "" && options.includes(chosen) ? chosen : (options[0] ?? "");
  const commentId = useId();
  const statusId = useId();
  const disabled = loading || !reviewer;

  const apply = (intent: ReviewIntent) => {
    const result = commands.applyReview(intent);
    if (result.ok) {
      setProblem(null);
      setComment("");
      setChosen("");
      setToConsultant(false);
    } else setProblem(result.problem[lang]);
  };
  const text = comment.trim() === "" ? undefined : comment.trim();
  const required = flag && next !== "" ? needsComment(flag.status, next) : false;
  // a comment box only where the role may write something with it
  const writable = flag ? (flag.deleted ? can.edit : can.status || can.comment) : can.flag;

  return (
    <div className="flag-controls" data-testid="flag-controls">
      {loading && <p className="muted">{t("flag.loading")}</p>}
      {askName && writable && <ReviewerName disabled={loading} />}
      {flag?.disagreement && <p className="flag-controls__warning">{t("flag.disagreement")}</p>}
      {writable && (
        <label htmlFor={commentId} className="flag-controls__label">
          {required ? t("flag.commentRequired") : t("flag.comment")}
        </label>
      )}
      {writable && (
        <textarea
          id={commentId}
          data-testid="flag-comment"
          rows={2}
          maxLength={MAX_COMMENT}
          required={required}
          disabled={disabled}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      )}
      <div className="flag-controls__actions">
        {!flag && finding && can.flag && (
          <button
            type="button"
            data-testid="flag-create"
            disabled={disabled}
            onClick={() => apply({ type: "flag-finding", finding, comment: text })}
          >
            {t("flag.create")}
          </button>
        )}
        {flag?.deleted && can.edit && (
          <button
            type="button"
            data-testid="flag-restore"
            disabled={disabled}
            onClick={() => apply({ type: "restore", flagId: flag.id, comment: text })}
          >
            {t("flag.restore")}
          </button>
        )}
        {flag && !flag.deleted && can.status && (
          <>
            <label htmlFor={statusId} className="flag-controls__label">
              {t("flag.status")}
            </label>
            <select
              id={statusId}
              data-testid="flag-status-select"
              disabled={disabled || options.length === 0}
              value={next}
              onChange={(event) => setChosen(event.target.value as FlagStatus)}
            >
              {options.length === 0 && <option value="">{t("flag.noNext")}</option>}
              {options.map((status) => (
                <option key={status} value={status}>
                  {STATUS_NAMES[status][lang]}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="flag-status-apply"
              disabled={disabled || next === ""}
              onClick={() =>
                next !== "" &&
                apply({ type: "set-status", flagId: flag.id, status: next, comment: text })
              }
            >
              {t("flag.setStatus")}
            </button>
          </>
        )}
        {flag && !flag.deleted && can.comment && (
          <>
            <button
              type="button"
              data-testid="flag-comment-add"
              disabled={disabled || text === undefined}
              onClick={() =>
                text &&
                apply({
                  type: "comment",
                  flagId: flag.id,
                  comment: text,
                  ...(toConsultant ? { to: "consultant" as const } : {}),
                })
              }
            >
              {t("flag.addComment")}
            </button>
            {can.address && (
              <label htmlFor={addressId} className="flag-controls__label">
                <input
                  id={addressId}
                  type="checkbox"
                  data-testid="flag-comment-to-consultant"
                  disabled={disabled}
                  checked={toConsultant}
                  onChange={(event) => setToConsultant(event.target.checked)}
                />{" "}
                {t("consultant.addressTo")}
              </label>
            )}
          </>
        )}
      </div>
      {problem && (
        <p className="flag-controls__problem" role="alert" data-testid="flag-problem">
          {problem}
        </p>
      )}
      {flag && <FlagHistory history={flag.history} lang={lang} />}
    </div>
  );
}

/** The flag id a finding's flag has (or will have). */
export const flagOf = (finding: Finding, flags: ReadonlyMap<string, Flag> | undefined) =>
  flags?.get(flagIdForFinding(finding.id));
