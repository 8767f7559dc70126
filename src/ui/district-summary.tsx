import { useTranslation } from "react-i18next";
import { districtTypeText } from "../state/district-type";
import type { DistrictInfo } from "../state/districts-index";
import { formatAreaKm2 } from "../state/format";
import type { Language } from "../state/url-state";
import { CloseButton } from "./close-button";

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
  return (
    <section
      className="card district-summary"
      data-testid="district-summary"
      aria-label={t("district.summary")}
    >
      <header className="card__header">
        <h3 className="card__title">{district.name}</h3>
        <CloseButton label={t("district.close")} onClick={onClose} />
      </header>
      <dl className="facts">
        <dt>{t("district.type")}</dt>
        <dd>{districtTypeText(district.type, t)}</dd>
        <dt>{t("district.area")}</dt>
        <dd data-testid="district-area">{formatAreaKm2(district.areaKm2, lang)}</dd>
        <dt>{t("district.code")}</dt>
        <dd>{district.code}</dd>
      </dl>
    </section>
  );
}
