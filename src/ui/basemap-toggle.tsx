import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BasemapSetting } from "../app/use-basemap-setting";
import { BASEMAP_CHOICES, type BasemapChoice, parseBasemapSource } from "../state/basemap";
import type { Language } from "../state/url-state";

/**
 * Chooses the basemap: none (offline), OpenStreetMap (online, off by default), or the intranet's
 * (a style URL or .pmtiles file from `PLAN_LAYERS_BASEMAP`, or typed here and kept in this
 * browser). Says so when its tiles cannot load.
 */
export function BasemapToggle({
  choice,
  failed,
  setting,
  onChange,
}: {
  choice: BasemapChoice;
  /** Why the basemap could not load, or null. */
  failed: string | null;
  setting: BasemapSetting;
  onChange: (choice: BasemapChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const uid = useId();
  const [draft, setDraft] = useState(setting.address);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = draft.trim() === "" ? null : parseBasemapSource(draft, document.baseURI);
    if (parsed && "problem" in parsed) {
      setDraftProblem(parsed.problem[lang]);
      return;
    }
    setDraftProblem(null);
    setting.setAddress(draft);
    onChange(parsed || setting.configured !== "" ? "intranet" : "none");
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
            disabled={option === "intranet" && setting.source === null}
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
              type="url"
              inputMode="url"
              data-testid="basemap-address"
              value={draft}
              placeholder="https://…/basemap.pmtiles"
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" data-testid="basemap-apply">
              {t("basemap.apply")}
            </button>
          </div>
          {setting.configured !== "" && (
            <p className="muted">{t("basemap.configuredAt", { url: setting.configured })}</p>
          )}
          {setting.source === null && setting.configured === "" && (
            <p className="muted">{t("basemap.notConfigured")}</p>
          )}
          {(draftProblem ?? setting.problem) && (
            <p className="basemap-toggle__error" role="alert">
              {draftProblem ?? setting.problem?.[lang]}
            </p>
          )}
        </form>
      </details>
      {choice !== "none" && failed !== null && (
        <p className="basemap-toggle__error" role="status" data-testid="basemap-error">
          {choice === "osm"
            ? t("basemap.error")
            : t("basemap.intranetError", { url: setting.address, reason: failed })}
        </p>
      )}
    </fieldset>
  );
}
