import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type AddressedItem, consultantInbox, type Flag, MAX_COMMENT } from "../core/review/index";
import { formatMoment } from "../state/format-moment";
import { mayHere } from "../state/review-state";
import { useAppStore, useCommands } from "../state/store";
import type { Language } from "../state/url-state";

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/**
 * What the council addressed to the consultant — comments sent to them and flags set to "needs
 * revision" — unanswered first, each with its answers and, for whoever may answer (the consultant,
 * the lead), a field to answer it: the answer is a comment in the flag's history.
 */
export function ConsultantInbox({ canFlag }: { canFlag: boolean }) {
  const { t } = useTranslation();
  const flags = useAppStore((s) => s.review.flags?.flags ?? NO_FLAGS);
  const canAnswer = useAppStore((s) => mayHere(s.review.server, "answer"));
  const items = consultantInbox(flags);
  if (items.length === 0) return null;
  const open = items.filter((i) => i.answers.length === 0).length;
  return (
    <section
      className="review-panel__group consultant-inbox"
      data-testid="consultant-inbox"
      aria-labelledby="consultant-inbox-title"
    >
      <h4 id="consultant-inbox-title" className="review-panel__subtitle">
        {t("consultant.title", { open, n: items.length })}
      </h4>
      <p className="muted">{t("consultant.intro")}</p>
      <ul className="consultant-inbox__list">
        {items.map((item) => (
          <InboxRow
            key={item.event.eventId}
            item={item}
            flag={flags.get(item.flagId)}
            canAnswer={canFlag && canAnswer}
          />
        ))}
      </ul>
    </section>
  );
}

function InboxRow(props: { item: AddressedItem; flag: Flag | undefined; canAnswer: boolean }) {
  const { item, flag, canAnswer } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { applyReview } = useCommands();
  const [answer, setAnswer] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const target = flag?.target;
  const what =
    target?.kind === "finding"
      ? t("consultant.finding", { rule: target.finding.rule, id: target.finding.id })
      : t("consultant.own", { id: item.flagId });
  const asked = item.event;
  const text = asked.type === "comment" ? asked.comment : t("consultant.needsRevision");
  return (
    <li
      className="consultant-inbox__item"
      data-testid="addressed-item"
      data-flag-id={item.flagId}
      data-event-id={asked.eventId}
      data-answered={item.answers.length > 0}
    >
      <p className="consultant-inbox__what">{what}</p>
      <p>
        <q>{text}</q>{" "}
        <span className="muted">
          {t("consultant.by", { reviewer: asked.reviewer, at: formatMoment(asked.at, lang) })}
        </span>
      </p>
      {item.answers.length === 0 ? (
        <p className="muted">{t("consultant.unanswered")}</p>
      ) : (
        <>
          <p className="muted">{t("consultant.answered", { count: item.answers.length })}</p>
          <ul className="consultant-inbox__answers">
            {item.answers.map((a) => (
              <li key={a.eventId} data-testid="addressed-answer">
                {a.type === "comment" && <q>{a.comment}</q>}{" "}
                <span className="muted">
                  {t("consultant.by", { reviewer: a.reviewer, at: formatMoment(a.at, lang) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canAnswer && (
        <form
          className="review-panel__step"
          onSubmit={(event) => {
            event.preventDefault();
            const result = applyReview({
              type: "answer",
              flagId: item.flagId,
              inReplyTo: asked.eventId,
              comment: answer,
            });
            if (result.ok) {
              setAnswer("");
              setProblem(null);
            } else setProblem(result.problem[lang]);
          }}
        >
          <label>
            {t("consultant.answerLabel")}
            <textarea
              data-testid="addressed-answer-text"
              rows={2}
              maxLength={MAX_COMMENT}
              value={answer}
              onChange={(event) => setAnswer(event.target.value)}
            />
          </label>
          <button type="submit" data-testid="addressed-answer-send" disabled={answer.trim() === ""}>
            {t("consultant.answer")}
          </button>
          {problem && (
            <p className="flag-controls__problem" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
