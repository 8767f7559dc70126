import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatRuleProblem } from "../core/catalog/rules-schema";
import type { RulesState } from "../state/load-states";
import type { Language } from "../state/url-state";
import { Notice } from "./notice";
import { useFailureText } from "./use-failure-text";

/** Lists the rules file's bad rules (the others stay usable), or why the file could not be read. */
export function CheckRulesNotice({ rules }: { rules: RulesState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const failureText = useFailureText();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  if (rules.status === "failed") {
    return (
      <Notice tone="error" testId="check-rules-notice" title={t("check.rulesFailed")}>
        <p className="notice__text">{failureText(rules.failure)}</p>
      </Notice>
    );
  }
  if (rules.status !== "ready" || rules.problems.length === 0) return null;
  return (
    <Notice
      tone="warning"
      testId="check-rules-notice"
      title={t("check.rulesProblems", { n: rules.problems.length })}
      onDismiss={() => setDismissed(true)}
    >
      <ul className="notice__list">
        {rules.problems.map((problem) => (
          <li key={`${problem.index}:${problem.field}:${problem.message.en}`}>
            {formatRuleProblem(problem, rules.file, lang)}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
