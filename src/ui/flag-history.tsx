import type { FlagEvent } from "../core/review/index";
import { historyLines } from "../state/flag-history";
import type { Language } from "../state/url-state";
import { TEXT } from "./review-texts";

/** A flag's history on its card: who did what when, newest first, with each comment. */
export function FlagHistory({ history, lang }: { history: readonly FlagEvent[]; lang: Language }) {
  return (
    <details className="flag-history" open>
      <summary>
        {TEXT.history[lang]} ({history.length})
      </summary>
      <ol className="flag-history__list" data-testid="flag-history">
        {historyLines(history, lang).map((line) => (
          <li key={line.eventId} className="flag-history__item" data-testid="flag-history-item">
            <span className="flag-history__what">{line.what}</span>{" "}
            <span className="flag-history__who">{line.who}</span>{" "}
            <time className="flag-history__when">{line.when}</time>
            {line.comment !== null && <q className="flag-history__comment">{line.comment}</q>}
          </li>
        ))}
      </ol>
    </details>
  );
}
