import { useTranslation } from "react-i18next";
import type { FlagEvent } from "../core/review/index";
import { historyLines } from "../state/flag-history";
import type { Language } from "../state/url-state";

/** A flag's history on its card: who did what when, newest first, with each comment. */
export function FlagHistory({ history, lang }: { history: readonly FlagEvent[]; lang: Language }) {
  const { t } = useTranslation();
  return (
    <details className="flag-history" open>
      <summary>{t("flag.history", { n: history.length })}</summary>
      <ol className="flag-history__list" data-testid="flag-history">
        {historyLines(history, lang).map((line) => (
          <li key={line.eventId} className="flag-history__item" data-testid="flag-history-item">
            <span className="flag-history__what">
              {line.what}
              {line.to === "consultant" && ` ${t("consultant.addressedMark")}`}
              {line.answer && ` ${t("consultant.answerMark")}`}
            </span>{" "}
            <span className="flag-history__who">{line.who}</span>{" "}
            <time className="flag-history__when">{line.when}</time>
            {line.comment !== null && <q className="flag-history__comment">{line.comment}</q>}
          </li>
        ))}
      </ol>
    </details>
  );
}
