import { type FlagStatus, STATUS_NAMES } from "../core/review/index";
import type { Language } from "../state/url-state";

/** A flag's status as a small badge on a card (the word, never the colour alone). */
export function FlagBadge({
  status,
  disputed = false,
  lang,
}: {
  status: FlagStatus;
  disputed?: boolean;
  lang: Language;
}) {
  return (
    <span
      className={`flag-badge flag-badge--${status}${disputed ? " flag-badge--disputed" : ""}`}
      data-testid="flag-badge"
      data-status={status}
    >
      <span aria-hidden="true">⚑ </span>
      {STATUS_NAMES[status][lang]}
      {disputed && " ⚠"}
    </span>
  );
}
