import { useTranslation } from "react-i18next";
import { districtTypeKey } from "../state/district-type";
import type { DistrictInfo } from "../state/districts-index";
import { formatAreaKm2 } from "../state/format";
import type { Language } from "../state/url-state";

/** The chosen district: name, unit type and geodesic area. */
export function DistrictSummary({
  district,
  onClose,
}: {
  district: DistrictInfo;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const typeKey = districtTypeKey(district.type);
  return (
    <section
      className="card district-summary"
      data-testid="district-summary"
      aria-label={t("district.summary")}
    >
      <header className="card__header">
        <h3 className="card__title">{district.name}</h3>
        <button
          type="button"
          className="icon-button"
          aria-label={t("district.close")}
          title={t("district.close")}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>{t("district.type")}</dt>
        <dd>{typeKey ? t(`district.types.${typeKey}`) : district.type}</dd>
        <dt>{t("district.area")}</dt>
        <dd data-testid="district-area">{formatAreaKm2(district.areaKm2, lang)}</dd>
        <dt>{t("district.code")}</dt>
        <dd>{district.code}</dd>
      </dl>
    </section>
  );
}
