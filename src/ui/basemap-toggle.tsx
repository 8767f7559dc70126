import { useId } from "react";
import { useTranslation } from "react-i18next";

/** Switches the online OpenStreetMap basemap; says so when its tiles cannot load. */
export function BasemapToggle({
  on,
  failed,
  onChange,
}: {
  on: boolean;
  failed: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  return (
    <div className="basemap-toggle">
      <input
        id={uid}
        type="checkbox"
        data-testid="basemap-toggle"
        checked={on}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={uid}>{t("basemap.label")}</label>
      {on && failed && (
        <p className="basemap-toggle__error" role="status">
          {t("basemap.error")}
        </p>
      )}
    </div>
  );
}
