import { useEffect, useState } from "react";
import { secondsUntil } from "../state/flag-history";
import { useAppStore, useCommands } from "../state/store";
import type { Language } from "../state/url-state";
import { Notice } from "./notice";
import { pendingEvents, retryIn, TEXT } from "./review-texts";

/**
 * Where the flags stand in storage, shown whenever they are not safely saved: reading, saving, or
 * failed — the store's bilingual error (it says the flags are kept and retried), a countdown to the
 * next retry and a "retry now" button.
 */
export function FlagSaveStatus({ lang }: { lang: Language }) {
  const save = useAppStore((s) => s.review.flags?.save);
  const commands = useCommands();
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
        {save.kind === "loading" ? TEXT.saveLoading[lang] : TEXT.saveSaving[lang]}
        {save.pending > 0 && ` (${pendingEvents(save.pending)[lang]})`}
      </p>
    );
  }
  return (
    <Notice
      tone="error"
      testId="flag-save-failed"
      title={save.phase === "load" ? TEXT.saveFailedLoad[lang] : TEXT.saveFailedSave[lang]}
    >
      <p className="notice__text" data-testid="flag-save-error">
        {save.error[lang]}
      </p>
      <p className="notice__text">
        {save.pending > 0 && `${pendingEvents(save.pending)[lang]}. `}
        <span data-testid="flag-save-countdown">
          {retryIn(secondsUntil(save.retryAt, now))[lang]}
        </span>{" "}
        <button type="button" data-testid="flag-save-retry" onClick={commands.retryFlagSave}>
          {TEXT.retryNow[lang]}
        </button>
      </p>
    </Notice>
  );
}
