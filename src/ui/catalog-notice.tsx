import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCatalogProblem } from "../core/catalog/parse-catalog";
import type { CatalogState } from "../state/load-states";
import type { Language } from "../state/url-state";
import { Notice } from "./notice";
import { useFailureText } from "./use-failure-text";

/** Lists the catalogue's problems (bad entries, unreadable file) until the user dismisses it. */
export function CatalogNotice({ state, file }: { state: CatalogState; file: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const failureText = useFailureText();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || state.status === "loading") return null;
  if (state.status === "ready" && state.problems.length === 0) return null;
  const failed = state.status === "failed";
  return (
    <Notice
      tone={failed ? "error" : "warning"}
      testId="catalog-notice"
      title={
        failed
          ? t("notice.catalogFailed")
          : t("notice.catalogProblems", { n: state.problems.length })
      }
      onDismiss={() => setDismissed(true)}
    >
      <ul className="notice__list">
        {failed && state.failure && <li>{failureText(state.failure)}</li>}
        {state.problems.map((problem) => (
          <li key={`${problem.index}:${problem.field}:${problem.message.en}`}>
            {formatCatalogProblem(problem, file, lang)}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
