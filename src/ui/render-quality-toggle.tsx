import { useId } from "react";
import { useTranslation } from "react-i18next";
import { RENDER_QUALITIES, type RenderQuality } from "../state/render-quality";

/**
 * Chooses how finely the map is drawn (see `state/render-quality.ts`), and says so when the
 * automatic choice draws it at half resolution because the browser draws WebGL in software.
 */
export function RenderQualityToggle({
  quality,
  softwareRenderer,
  onChange,
}: {
  quality: RenderQuality;
  /** Whether the map's WebGL is drawn in software; null until the map has started. */
  softwareRenderer: boolean | null;
  onChange: (quality: RenderQuality) => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  return (
    <fieldset className="basemap-toggle" data-testid="render-quality">
      <legend>{t("renderQuality.choice")}</legend>
      {RENDER_QUALITIES.map((option) => (
        <label key={option} className="basemap-toggle__option">
          <input
            type="radio"
            name={`${uid}-quality`}
            value={option}
            data-testid={`render-quality-${option}`}
            checked={quality === option}
            onChange={() => onChange(option)}
          />
          {t(`renderQuality.${option}`)}
        </label>
      ))}
      {softwareRenderer && quality === "auto" && (
        <p className="muted" data-testid="render-quality-software">
          {t("renderQuality.software")}
        </p>
      )}
    </fieldset>
  );
}
