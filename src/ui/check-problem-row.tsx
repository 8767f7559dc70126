import { useTranslation } from "react-i18next";
import type { CheckProblem } from "../core/check/index";
import { problemFeaturesText } from "../core/check/problem-messages";
import type { Language } from "../state/url-state";
import { SeverityIcon } from "./icons";

/**
 * One problem of a check run: its severity as a shape and a word, as findings show it (an error:
 * the rule did not run; a warning: it ran on data read as the message says), the message and the
 * features concerned. Text from data goes in as text, never markup.
 */
export function CheckProblemRow({ problem }: { problem: CheckProblem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <li
      className={`check-problem check-problem--${problem.severity}`}
      data-severity={problem.severity}
    >
      <span className={`severity-mark severity-mark--${problem.severity}`}>
        <SeverityIcon severity={problem.severity} />
        {t(`check.severity.${problem.severity}`)}
      </span>{" "}
      {problem.message[lang]}
      {problem.features && ` (${problemFeaturesText(problem.features)[lang]})`}
    </li>
  );
}
