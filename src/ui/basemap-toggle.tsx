import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  BASEMAP_CHOICES,
  type BasemapChoice,
  CONFIGURED_BASEMAP,
  parseBasemapSource,
} from "../state/basemap";
import type { Language } from "../state/url-state";

/**
 * Chooses the basemap: none (offline), OpenStreetMap (online, off by default), or the intranet's
 * (a style URL or .pmtiles file from `PLAN_LAYERS_BASEMAP`, or typed here and kept in this
 * browser). Says so when it cannot load.
 */
export function BasemapToggle({
  choice,
  failed,
  address,
  onChange,
  onAddress,
}: {
  choice: BasemapChoice;
  /** Why the basemap could not load, or null. */
  failed: string | null;
  /** The intranet basemap's address in use ("" none). */
  address: string;
  onChange: (choice: BasemapChoice) => void;
  onAddress: (address: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const uid = useId();
  const [draft, setDraft] = useState(address);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const parsed = address === "" ? null : parseBasemapSource(address, document.baseURI);
  const usable = parsed !== null && "url" in parsed;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim() === "" ? null : parseBasemapSource(draft, document.baseURI);
    if (next && "problem" in next) {
      setDraftProblem(next.problem[lang]);
      return;
    }
    setDraftProblem(null);
    onAddress(draft);
    onChange(next ? "intranet" : "none");
  };
  return (
    <fieldset className="basemap-toggle" data-testid="basemap-picker">
      <legend>{t("basemap.choice")}</legend>
      {BASEMAP_CHOICES.map((option) => (
        <label key={option} className="basemap-toggle__option">
          <input
            type="radio"
            name={`${uid}-choice`}
            value={option}
            data-testid={`basemap-${option}`}
            checked={choice === option}
            disabled={option === "intranet" && !usable}
            onChange={() => onChange(option)}
          />
          {t(`basemap.${option}`)}
        </label>
      ))}
      <details className="basemap-toggle__details">
        <summary data-testid="basemap-address-toggle">{t("basemap.address")}</summary>
        <form className="basemap-toggle__address" onSubmit={apply}>
          <label htmlFor={`${uid}-address`} className="visually-hidden">
            {t("basemap.address")}
          </label>
          <div className="basemap-toggle__row">
            <input
              id={`${uid}-address`}
              type="text"
              inputMode="url"
              spellCheck={false}
              data-testid="basemap-address"
              value={draft}
              placeholder="https://…/basemap.pmtiles"
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" data-testid="basemap-apply">
              {t("basemap.apply")}
            </button>
          </div>
          {CONFIGURED_BASEMAP !== "" && (
            <p className="muted">{t("basemap.configuredAt", { url: CONFIGURED_BASEMAP })}</p>
          )}
          {!usable && CONFIGURED_BASEMAP === "" && (
            <p className="muted">{t("basemap.notConfigured")}</p>
          )}
          {draftProblem && (
            <p className="basemap-toggle__error" role="alert">
              {draftProblem}
            </p>
          )}
        </form>
      </details>
      {choice !== "none" && failed !== null && (
        <p className="basemap-toggle__error" role="status" data-testid="basemap-error">
          {choice === "osm"
            ? t("basemap.error")
            : t("basemap.intranetError", { url: address, reason: failed })}
        </p>
      )}
    </fieldset>
  );
}
