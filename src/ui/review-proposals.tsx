import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SUPPORTED_EXTENSIONS } from "../io/registry";
import { formatMoment } from "../state/format-moment";
import {
  fetchProposals,
  type ProposalVersion,
  proposalDownloadUrl,
  uploadProposal,
} from "../state/review-proposals";
import { mayHere } from "../state/review-state";
import { useAppStore } from "../state/store";
import type { Language } from "../state/url-state";

/** The files the registry reads (a Shapefile as a .zip: one file per upload). */
const ACCEPT = SUPPORTED_EXTENSIONS.map((ext) => `.${ext}`).join(",");

/**
 * The revised proposals of a shared review (only on the review server): the versions uploaded,
 * each with who uploaded it and when and a download link, and — for the consultant and the lead —
 * the upload. The server checks the file as a proposal layer is checked; a refused file says why,
 * line by line, and changes nothing.
 */
export function ReviewProposals() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const server = useAppStore((s) => s.review.server);
  const canUpload = useAppStore((s) => mayHere(s.review.server, "upload"));
  const review = server?.kind === "review" ? server.session.review : null;
  const [versions, setVersions] = useState<ProposalVersion[]>([]);
  const [status, setStatus] = useState<{ text: string; lines: string[]; alert: boolean } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    if (!review) return;
    try {
      setVersions(await fetchProposals(document.baseURI, review));
    } catch (error) {
      setStatus({
        text: t("proposals.readFailed", { error: String(error) }),
        lines: [],
        alert: true,
      });
    }
  }, [review, t]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!review) return null;
  const upload = async (file: File) => {
    setBusy(true);
    setStatus({ text: t("proposals.uploading", { file: file.name }), lines: [], alert: false });
    const outcome = await uploadProposal(document.baseURI, review, {
      name: file.name,
      bytes: await file.arrayBuffer(),
    });
    setBusy(false);
    if (outcome.ok) {
      const text = t("proposals.uploaded", { file: file.name, version: outcome.version.version });
      setStatus({ text, lines: outcome.warnings, alert: false });
      await refresh();
    } else if (outcome.unreachable) {
      setStatus({ text: t("proposals.unreachable"), lines: [], alert: true });
    } else {
      const text = `${t("proposals.refused", { file: file.name })}: ${outcome.problem[lang]}`;
      setStatus({ text, lines: outcome.lines, alert: true });
    }
  };
  return (
    <section
      className="review-panel__group review-proposals"
      data-testid="review-proposals"
      aria-labelledby="review-proposals-title"
    >
      <h4 id="review-proposals-title" className="review-panel__subtitle">
        {t("proposals.title", { n: versions.length })}
      </h4>
      <p className="muted">{t("proposals.intro")}</p>
      {versions.length === 0 ? (
        <p className="muted">{t("proposals.none")}</p>
      ) : (
        <ol className="review-proposals__list">
          {versions.map((v) => (
            <li key={v.version} data-testid="proposal-version">
              {t("proposals.version", {
                version: v.version,
                file: v.file,
                format: v.format,
                features: v.features,
                by: v.uploadedBy,
                at: formatMoment(v.uploadedAt, lang),
              })}{" "}
              <a href={proposalDownloadUrl(document.baseURI, review, v.version)} download>
                {t("proposals.download")}
              </a>
            </li>
          ))}
        </ol>
      )}
      {canUpload && (
        <label className="review-panel__buttons">
          {t("proposals.upload")}
          <input
            type="file"
            data-testid="proposal-upload"
            accept={ACCEPT}
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void upload(file);
            }}
          />
        </label>
      )}
      {status && (
        <div role={status.alert ? "alert" : "status"} data-testid="proposal-status">
          <p>{status.text}</p>
          {status.lines.length > 0 && (
            <ul className="review-proposals__problems">
              {status.lines.map((line, i) => (
                // the lines are the server's, in its order; the same line may come twice
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
