import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { secondsUntil } from "../state/flag-history";
import { useAppStore, useCommands } from "../state/store";
import type { Language } from "../state/url-state";
import { Notice } from "./notice";

/**
 * Where the flags stand in storage, shown whenever they are not safely saved: reading, saving, or
 * failed — the store's bilingual error (it says the flags are kept and retried), a countdown to the
 * next retry and a "retry now" button.
 */
export function FlagSaveStatus({ lang }: { lang: Language }) {
  const save = useAppStore((s) => s.review.flags?.save);
  const commands = useCommands();
  const { t } = useTranslation();
  const retryText = (seconds: number) =>
    seconds > 0 ? t("flagSave.retryIn", { seconds }) : t("flagSave.retrying");
  const retryAt = save?.kind === "failed" ? save.retryAt : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (!save || save.kind === "saved") return null;
  if (save.kind !== "failed") {
    return (
      <p className="flag-save muted" role="status" data-testid="flag-save" data-kind={save.kind}>
        {save.kind === "loading" ? t("flagSave.loading") : t("flagSave.saving")}
        {save.pending > 0 && ` (${t("flagSave.pending", { count: save.pending })})`}
      </p>
    );
  }
  return (
    <Notice
      tone="error"
      testId="flag-save-failed"
      title={save.phase === "load" ? t("flagSave.failedLoad") : t("flagSave.failedSave")}
    >
      <p className="notice__text" data-testid="flag-save-error">
        {save.error[lang]}
      </p>
      <p className="notice__text">
        {save.pending > 0 && `${t("flagSave.pending", { count: save.pending })}. `}
        <span data-testid="flag-save-countdown">{retryText(secondsUntil(save.retryAt, now))}</span>{" "}
        <button type="button" data-testid="flag-save-retry" onClick={commands.retryFlagSave}>
          {t("flagSave.retryNow")}
        </button>
      </p>
    </Notice>
  );
}
