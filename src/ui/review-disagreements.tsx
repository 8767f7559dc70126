import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  FLAG_STATUSES,
  type Flag,
  type FlagStatus,
  MAX_COMMENT,
  STATUS_NAMES,
} from "../core/review/index";
import { formatMoment } from "../state/format-moment";
import { disputedFlags } from "../state/review-lists";
import { useAppStore, useCommands } from "../state/store";
import type { Language } from "../state/url-state";

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/**
 * Flags reviewers disagree on (the same finding or drawn flag, different statuses left without
 * seeing each other's), each with who chose what and when, and the lead reviewer's settling:
 * a final status and the reason, appended as a new event.
 */
export function ReviewDisagreements({ canFlag }: { canFlag: boolean }) {
  const { t } = useTranslation();
  const flags = useAppStore((s) => s.review.flags?.flags ?? NO_FLAGS);
  const disputed = disputedFlags(flags.values());
  if (disputed.length === 0) return null;
  return (
    <section
      className="review-panel__group review-disagreements"
      data-testid="review-disagreements"
      aria-labelledby="review-disagreements-title"
    >
      <h4 id="review-disagreements-title" className="review-panel__subtitle">
        {t("reviewShare.disagree.title", { n: disputed.length })}
      </h4>
      <p className="muted">{t("reviewShare.disagree.intro")}</p>
      <ul className="review-disagreements__list">
        {disputed.map((flag) => (
          <DisagreementRow key={flag.id} flag={flag} canFlag={canFlag} />
        ))}
      </ul>
    </section>
  );
}

function DisagreementRow({ flag, canFlag }: { flag: Flag; canFlag: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { applyReview } = useCommands();
  const [status, setStatus] = useState<FlagStatus>(flag.status);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const what =
    flag.target.kind === "finding"
      ? t("reviewShare.disagree.finding", {
          rule: flag.target.finding.rule,
          id: flag.target.finding.id,
        })
      : t("reviewShare.disagree.own", {
          comment: flag.history.find((e) => e.type === "create")?.comment ?? flag.id,
        });
  return (
    <li className="review-disagreements__item" data-testid="disagreement" data-flag-id={flag.id}>
      <p className="review-disagreements__what">{what}</p>
      <ul className="review-disagreements__heads">
        {flag.heads.map((head) => (
          <li key={head.eventId} data-testid="disagreement-head" data-status={head.status}>
            {t("reviewShare.disagree.head", {
              status: STATUS_NAMES[head.status][lang],
              reviewer: head.reviewer,
              at: formatMoment(head.at, lang),
            })}
          </li>
        ))}
      </ul>
      <form
        className="review-panel__step"
        onSubmit={(event) => {
          event.preventDefault();
          const result = applyReview({ type: "settle", flagId: flag.id, status, comment });
          setProblem(result.ok ? null : result.problem[lang]);
        }}
      >
        <label className="review-panel__field">
          {t("reviewShare.disagree.status")}
          <select
            data-testid="settle-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as FlagStatus)}
          >
            {FLAG_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="review-panel__field">
          {t("reviewShare.disagree.comment")}
          <textarea
            data-testid="settle-comment"
            value={comment}
            maxLength={MAX_COMMENT}
            rows={2}
            aria-required="true"
            onChange={(event) => setComment(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          data-testid="settle"
          disabled={!canFlag}
        >
          {t("reviewShare.disagree.settle")}
        </button>
        {problem && (
          <p className="review-panel__problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </li>
  );
}
