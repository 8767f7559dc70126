import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCommands } from "../state/store";

type Outcome = "idle" | "copied" | "failed";

/**
 * "Copy link": puts the address of the current view (camera, layers, language, chosen place) on
 * the clipboard, after writing any change the address bar is still waiting for. Where the browser
 * refuses the clipboard, the link is shown selected for the user to copy.
 */
export function CopyLinkButton() {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>("idle");
  const [link, setLink] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const { writeLinkNow } = useCommands();
  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome("idle"), 4000);
    return () => clearTimeout(timer);
  }, [outcome]);
  useEffect(() => {
    if (outcome === "failed") field.current?.select();
  }, [outcome]);
  const copy = async () => {
    writeLinkNow();
    const href = window.location.href;
    setLink(href);
    try {
      await navigator.clipboard.writeText(href);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  };
  return (
    <div className="copy-link">
      <button
        type="button"
        className="button button--small copy-link__button"
        data-testid="copy-link"
        onClick={() => void copy()}
      >
        {t("share.copyLink")}
      </button>
      <span className="copy-link__status" role="status" data-testid="copy-link-status">
        {outcome === "copied" ? t("share.copied") : outcome === "failed" ? t("share.failed") : ""}
      </span>
      {outcome === "failed" && (
        <input
          ref={field}
          className="copy-link__field"
          readOnly
          value={link}
          aria-label={t("share.linkLabel")}
          onFocus={(event) => event.target.select()}
        />
      )}
    </div>
  );
}
