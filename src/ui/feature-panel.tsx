import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { districtTypeText } from "../state/district-type";
import { buildAttributeRows, featureName } from "../state/feature-details";
import { formatAreaKm2 } from "../state/format";
import type { FeatureHit } from "../state/selection";
import type { Language } from "../state/url-state";
import { CloseButton } from "./close-button";

type Props = {
  hits: FeatureHit[];
  layersById: ReadonlyMap<string, LayerEntry>;
  onClose: () => void;
};

/**
 * What was clicked: each plan feature with the catalogue's attribute labels and units, then the
 * district it lies in. Every value is a text node; data never becomes markup. Escape closes it.
 */
export function FeaturePanel({ hits, layersById, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const words = { yes: t("feature.yes"), no: t("feature.no") };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <aside className="feature-panel" data-testid="feature-panel" aria-label={t("feature.title")}>
      <header className="card__header">
        <h2 className="card__title">{t("feature.title")}</h2>
        <CloseButton label={t("feature.close")} onClick={onClose} />
      </header>
      {hits.map((hit, index) => {
        const key = `${hit.kind === "plan" ? hit.layerId : "district"}:${index}`;
        const props = hit.feature.properties ?? {};
        if (hit.kind === "district") {
          const type = typeof props.type === "string" ? props.type : "";
          return (
            <section key={key} className="feature-panel__section" data-testid="feature-district">
              <h3 className="feature-panel__layer">{t("feature.district")}</h3>
              <p className="feature-panel__name">{String(props.name ?? "")}</p>
              <dl className="facts">
                <dt>{t("district.type")}</dt>
                <dd>{districtTypeText(type, t)}</dd>
                {typeof props.area_km2 === "number" && (
                  <>
                    <dt>{t("district.area")}</dt>
                    <dd>{formatAreaKm2(props.area_km2, lang)}</dd>
                  </>
                )}
              </dl>
            </section>
          );
        }
        const layer = layersById.get(hit.layerId);
        if (!layer) return null;
        const name = featureName(layer, props);
        return (
          <section key={key} className="feature-panel__section" data-layer={layer.id}>
            <h3 className="feature-panel__layer">{layer.title[lang]}</h3>
            {name && <p className="feature-panel__name">{name}</p>}
            <dl className="facts">
              {buildAttributeRows(layer, props, lang, words).map((row) => (
                <div key={row.key} className="facts__row">
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </aside>
  );
}
