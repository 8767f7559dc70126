import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BaseDataState } from "../state/load-states";
import { Notice } from "./notice";
import { useFailureText } from "./use-failure-text";

/** Says which files of data/ are missing or broken, and how to rebuild them. */
export function BaseDataNotice({ state }: { state: BaseDataState }) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || state.status === "loading" || state.failures.length === 0) return null;
  return (
    <Notice
      tone={state.status === "failed" ? "error" : "warning"}
      title={t("notice.baseMissing")}
      testId="base-data-notice"
      onDismiss={() => setDismissed(true)}
    >
      <ul className="notice__list">
        {state.failures.map((failure) => (
          <li key={failure.file}>{failureText(failure)}</li>
        ))}
      </ul>
    </Notice>
  );
}
