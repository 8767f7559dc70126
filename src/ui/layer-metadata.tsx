import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { formatIsoDate } from "../state/format";
import { layerAttribution } from "../state/layer-attribution";
import type { Language } from "../state/url-state";

/**
 * The layer's provenance as a planner reads it: instrument, its date and issuer, agency, status,
 * data date, illustrative or official, and whom the data come from. No file paths or maintainers'
 * notes (the catalogue keeps those in `source` and `notes`).
 */
export function LayerMetadata({ layer, id }: { layer: LayerEntry; id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { legalBasis } = layer;
  const attribution = layerAttribution(layer, lang, {
    illustrative: (instrument) => t("meta.attributionIllustrative", { instrument }),
  });
  return (
    <div className="metadata" id={id} data-testid={`layer-metadata-${layer.id}`}>
      {layer.description && <p className="metadata__description">{layer.description[lang]}</p>}
      <dl className="metadata__list">
        <dt>{t("meta.instrument")}</dt>
        <dd className="metadata__instrument">{legalBasis.instrument}</dd>
        <dt>{t("meta.instrumentDate")}</dt>
        <dd>{formatIsoDate(legalBasis.date, lang)}</dd>
        <dt>{t("meta.issuer")}</dt>
        <dd>{legalBasis.issuer[lang]}</dd>
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
        <dt>{t("meta.kind")}</dt>
        <dd data-testid={`layer-kind-${layer.id}`}>
          {layer.illustrative ? (
            <span className="badge badge--illustrative">{t("layer.illustrative")}</span>
          ) : (
            t("meta.official")
          )}
        </dd>
        <dt>{t("meta.attribution")}</dt>
        <dd className="metadata__source">{attribution}</dd>
      </dl>
      {layer.illustrative && (
        <p className="metadata__illustrative">{t("layer.illustrativeHint")}</p>
      )}
    </div>
  );
}
