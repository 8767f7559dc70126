import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { formatIsoDate } from "../state/format";
import type { Language } from "../state/url-state";

/** The layer's provenance: legal basis, agency, status, data date, illustrative or not. */
export function LayerMetadata({ layer, id }: { layer: LayerEntry; id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { legalBasis } = layer;
  return (
    <div className="metadata" id={id} data-testid={`layer-metadata-${layer.id}`}>
      {layer.description && <p className="metadata__description">{layer.description[lang]}</p>}
      <dl className="metadata__list">
        <dt>{t("meta.legalBasis")}</dt>
        <dd>
          <span className="metadata__instrument">{legalBasis.instrument}</span>
          {", "}
          {formatIsoDate(legalBasis.date, lang)}
          {", "}
          {legalBasis.issuer[lang]}
        </dd>
        <dt>{t("meta.agency")}</dt>
        <dd>{layer.agency[lang]}</dd>
        {layer.sector && (
          <>
            <dt>{t("meta.sector")}</dt>
            <dd>{t(`sectors.${layer.sector}`)}</dd>
          </>
        )}
        <dt>{t("meta.status")}</dt>
        <dd>
          <span className={`status status--${layer.status}`}>{t(`status.${layer.status}`)}</span>
        </dd>
        <dt>{t("meta.dataAsOf")}</dt>
        <dd>{formatIsoDate(layer.dataAsOf, lang)}</dd>
        <dt>{t("meta.source")}</dt>
        <dd className="metadata__source">{layer.source}</dd>
      </dl>
      {layer.illustrative && (
        <p className="metadata__illustrative">
          <span className="badge badge--illustrative">{t("layer.illustrative")}</span>{" "}
          {t("layer.illustrativeHint")}
        </p>
      )}
    </div>
  );
}
