import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { reviewProblemLines } from "../core/review/index";
import { useCommands } from "../state/store";
import type { Language } from "../state/url-state";
import { saveBlob } from "./compare-export";
import { Notice } from "./notice";
import { downloadName, reviewBlob } from "./review-files";

/** What the last import did, as the panel shows it. */
type ImportNote = { ok: true; text: string } | { ok: false; title: string; lines: string[] };

/**
 * "Xuất kết quả thẩm định" (the review file: every flag with its geometry, status, comments and
 * full history) and "Nhập kết quả thẩm định" (merge another reviewer's file; a refused file changes
 * nothing and every problem is named, by file, feature and field). Both wait until the stored
 * flags are read (`ready`): an export before would miss them.
 */
export function ReviewShare({ ready }: { ready: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { exportReview, importReview } = useCommands();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<ImportNote | null>(null);

  const onFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setNote({
        ok: false,
        title: t("reviewShare.share.readFailed", { file: file.name, error: String(error) }),
        lines: [],
      });
      return;
    }
    const outcome = importReview(text);
    if (outcome.ok) {
      setNote({
        ok: true,
        text: t("reviewShare.share.imported", {
          file: file.name,
          flags: outcome.flags,
          added: outcome.added,
          duplicates: outcome.duplicates,
        }),
      });
    } else {
      const lines = reviewProblemLines(outcome.problems, file.name, lang);
      setNote({
        ok: false,
        title: t("reviewShare.share.refused", { file: file.name }),
        lines: lines.length > 0 ? lines : [t("reviewShare.share.notReady")],
      });
    }
  };

  return (
    <fieldset className="review-panel__group" data-testid="review-share">
      <legend className="review-panel__subtitle">{t("reviewShare.share.title")}</legend>
      <p className="muted">{t("reviewShare.share.hint")}</p>
      <div className="review-panel__buttons">
        <button
          type="button"
          className="button"
          data-testid="review-export"
          disabled={!ready}
          onClick={() => saveBlob(reviewBlob(exportReview()), downloadName("review", new Date()))}
        >
          {t("reviewShare.share.export")}
        </button>
        <button
          type="button"
          className="button"
          data-testid="review-import"
          disabled={!ready}
          onClick={() => input.current?.click()}
        >
          {t("reviewShare.share.import")}
        </button>
        <input
          ref={input}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          hidden
          data-testid="review-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ""; // the same file can be chosen again
            if (file) void onFile(file);
          }}
        />
      </div>
      {note?.ok === true && (
        <Notice
          tone="info"
          testId="review-import-done"
          title={note.text}
          onDismiss={() => setNote(null)}
        />
      )}
      {note?.ok === false && (
        <Notice
          tone="error"
          testId="review-import-refused"
          title={note.title}
          onDismiss={() => setNote(null)}
        >
          <ul className="notice__list">
            {note.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one message, never reordered
              <li key={i} className="notice__text">
                {line}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </fieldset>
  );
}
