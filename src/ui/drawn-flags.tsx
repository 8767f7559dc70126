import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Flag,
  MAX_COMMENT,
  newOwnFlagId,
  type ReviewEventResult,
  STATUS_NAMES,
} from "../core/review/index";
import { formatMoment } from "../state/format-moment";
import { ownFlagLists } from "../state/review-lists";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import type { Language } from "../state/url-state";
import { FlagControls } from "./flag-controls";

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/**
 * The reviewer's own flags: draw an area or a point on the map for a problem no rule caught, add a
 * comment and save it; the drawn flags listed, each with the status menu, comments and history of
 * a finding's flag ({@link FlagControls}, folded), and can be moved or deleted (an event kept in the
 * history), deleted ones restored.
 */
export function DrawnFlags({ canFlag }: { canFlag: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const draw = useAppStore((s) => s.review.draw);
  const flags = useAppStore((s) => s.review.flags?.flags ?? NO_FLAGS);
  const dispatch = useDispatch();
  const { applyReview } = useCommands();
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const lists = ownFlagLists(flags.values());

  /** Applies an intent; on success `then` runs, otherwise the reason is shown. */
  const apply = (result: ReviewEventResult, then?: () => void) => {
    if (result.ok) {
      setProblem(null);
      then?.();
    } else setProblem(result.problem[lang]);
  };
  const end = () => {
    setComment("");
    setProblem(null);
    dispatch({ type: "draw-end" });
  };

  return (
    <section className="drawn-flags" aria-labelledby="drawn-flags-title" data-testid="drawn-flags">
      <h4 id="drawn-flags-title" className="review-panel__subtitle">
        {t("reviewShare.draw.title")}
      </h4>
      <div className="review-panel__buttons">
        {(["polygon", "point"] as const).map((shape) => (
          <button
            key={shape}
            type="button"
            className="button"
            data-testid={`draw-${shape}`}
            disabled={!canFlag || draw.kind === "drawn"}
            aria-pressed={draw.kind === "drawing" && draw.shape === shape}
            onClick={() => {
              setProblem(null);
              dispatch({ type: "draw-start", shape });
            }}
          >
            {t(`reviewShare.draw.${shape}`)}
          </button>
        ))}
      </div>
      {draw.kind === "drawing" && (
        <div className="review-panel__step" role="status" data-testid="draw-hint">
          <p>
            {t(
              draw.shape === "polygon"
                ? "reviewShare.draw.hintPolygon"
                : "reviewShare.draw.hintPoint",
            )}
          </p>
          <button type="button" className="button" onClick={end}>
            {t("reviewShare.draw.cancel")}
          </button>
        </div>
      )}
      {draw.kind === "drawn" && (
        <form
          className="review-panel__step"
          data-testid="draw-comment-form"
          onSubmit={(event) => {
            event.preventDefault();
            apply(
              applyReview({
                type: "draw",
                flagId: newOwnFlagId(),
                geometry: draw.geometry,
                comment,
              }),
              end,
            );
          }}
        >
          <label className="review-panel__field">
            {t("reviewShare.draw.comment")}
            <textarea
              data-testid="draw-comment"
              value={comment}
              maxLength={MAX_COMMENT}
              rows={3}
              onChange={(event) => setComment(event.target.value)}
            />
          </label>
          <div className="review-panel__buttons">
            <button type="submit" className="button button--primary" data-testid="draw-save">
              {t("reviewShare.draw.save")}
            </button>
            <button type="button" className="button" onClick={end}>
              {t("reviewShare.draw.cancel")}
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p className="review-panel__problem" role="alert" data-testid="draw-problem">
          {t("reviewShare.draw.refused")}: {problem}
        </p>
      )}
      {lists.active.length === 0 ? (
        <p className="muted">{t("reviewShare.draw.none")}</p>
      ) : (
        <ul className="drawn-flags__list">
          {lists.active.map((flag) => (
            <DrawnFlagRow key={flag.id} flag={flag} lang={lang}>
              <details className="drawn-flags__review" data-testid="drawn-flag-review">
                <summary>{t("reviewShare.draw.review")}</summary>
                {/* the same status menu, comment and history as a finding's flag */}
                <FlagControls finding={null} flag={flag} lang={lang} askName={false} />
              </details>
              {draw.kind === "editing" && draw.flagId === flag.id ? (
                <div className="review-panel__step" data-testid="move-step">
                  <p>{t("reviewShare.draw.moveHint")}</p>
                  <div className="review-panel__buttons">
                    <button
                      type="button"
                      className="button button--primary"
                      data-testid="move-save"
                      onClick={() =>
                        draw.geometry
                          ? apply(
                              applyReview({
                                type: "move",
                                flagId: flag.id,
                                geometry: draw.geometry,
                              }),
                              end,
                            )
                          : end()
                      }
                    >
                      {t("reviewShare.draw.savePosition")}
                    </button>
                    <button type="button" className="button" onClick={end}>
                      {t("reviewShare.draw.cancel")}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="review-panel__buttons">
                  <button
                    type="button"
                    className="link-button"
                    data-testid="flag-move"
                    disabled={!canFlag}
                    onClick={() => {
                      setProblem(null);
                      dispatch({ type: "draw-edit", flagId: flag.id });
                    }}
                  >
                    {t("reviewShare.draw.move")}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="flag-delete"
                    disabled={!canFlag}
                    onClick={() => apply(applyReview({ type: "delete", flagId: flag.id }))}
                  >
                    {t("reviewShare.draw.delete")}
                  </button>
                </div>
              )}
            </DrawnFlagRow>
          ))}
        </ul>
      )}
      {lists.deleted.length > 0 && (
        <details className="drawn-flags__deleted" data-testid="deleted-flags">
          <summary>{t("reviewShare.draw.deleted", { n: lists.deleted.length })}</summary>
          <ul className="drawn-flags__list">
            {lists.deleted.map((flag) => (
              <DrawnFlagRow key={flag.id} flag={flag} lang={lang}>
                <button
                  type="button"
                  className="link-button"
                  data-testid="flag-restore"
                  disabled={!canFlag}
                  onClick={() => apply(applyReview({ type: "restore", flagId: flag.id }))}
                >
                  {t("reviewShare.draw.restore")}
                </button>
              </DrawnFlagRow>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** One drawn flag: kind, status, comment, who changed it last and when, then its buttons. */
function DrawnFlagRow({
  flag,
  lang,
  children,
}: {
  flag: Flag;
  lang: Language;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const kind =
    flag.target.kind === "own" && flag.target.geometry.type === "Point" ? "Point" : "Polygon";
  return (
    <li
      className="drawn-flags__item"
      data-testid="drawn-flag"
      data-flag-id={flag.id}
      data-status={flag.status}
      data-kind={kind.toLowerCase()}
    >
      <p className="drawn-flags__head">
        <span className="drawn-flags__kind">{t(`reviewShare.draw.kind${kind}`)}</span>
        <span className={`flag-status flag-status--${flag.status}`}>
          {STATUS_NAMES[flag.status][lang]}
        </span>
      </p>
      <p className="drawn-flags__comment" data-testid="drawn-flag-comment">
        {flag.comment ?? t("reviewShare.draw.noComment")}
      </p>
      <p className="muted drawn-flags__by">
        {t("reviewShare.draw.by", {
          reviewer: flag.updatedBy,
          at: formatMoment(flag.updatedAt, lang),
        })}
      </p>
      {children}
    </li>
  );
}
