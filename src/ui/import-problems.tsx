import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ValidationIssue } from "../core/validate/validation-issue";
import type { Language } from "../state/url-state";

/** First guess of a row's height in px, until it is drawn and measured. */
const ROW_ESTIMATE = 52;
/** Height assumed before the list is measured, so the first paint draws rows. */
const INITIAL_RECT = { width: 0, height: 260 };

/**
 * The problems of a file, one row each: severity, where (the whole file, or the feature's number
 * in the file with its id, code or name) and what to do, in the UI language. Only the rows in view
 * are in the DOM, so a file with 100 000 bad features lists them without a stall. Every text from
 * the file is rendered as text.
 */
export const ImportProblems = memo(function ImportProblems({
  issues,
}: {
  issues: readonly ValidationIssue[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const box = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: issues.length,
    getScrollElement: () => box.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    initialRect: INITIAL_RECT,
  });
  if (issues.length === 0) return <p className="muted">{t("import.noProblems")}</p>;
  return (
    <div
      ref={box}
      className="import-problems"
      data-testid="import-problems"
      data-count={issues.length}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard
      tabIndex={0}
    >
      <ul
        className="import-problems__rows"
        aria-label={t("import.problems", { n: issues.length })}
        style={{ height: rows.getTotalSize() }}
      >
        {rows.getVirtualItems().map((item) => {
          const issue = issues[item.index] as ValidationIssue;
          const where =
            issue.featureIndex === null
              ? t("import.wholeFile")
              : t("import.feature", {
                  n: issue.featureIndex + 1,
                  count: issue.featureCount ?? "?",
                });
          return (
            <li
              key={item.key}
              ref={rows.measureElement}
              data-index={item.index}
              className={`import-problem import-problem--${issue.severity}`}
              data-testid="import-problem"
              data-code={issue.code}
              data-severity={issue.severity}
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={issues.length}
              aria-posinset={item.index + 1}
            >
              <p className="import-problem__where">
                <span className="import-problem__severity">
                  {t(issue.severity === "error" ? "import.error" : "import.warning")}
                </span>{" "}
                {where}
                {issue.featureLabel && ` (${issue.featureLabel})`}
              </p>
              <p className="import-problem__message">{issue.message[lang]}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
