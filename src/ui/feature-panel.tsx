import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { districtTypeText } from "../state/district-type";
import { buildAttributeRows, featureName } from "../state/feature-details";
import { formatAreaKm2 } from "../state/format";
import type { FeatureHit } from "../state/selection";
import { useAppStore, useDispatch } from "../state/store";
import type { Language } from "../state/url-state";
import { CloseButton } from "./close-button";

type Props = {
  layersById: ReadonlyMap<string, LayerEntry>;
  onClose: () => void;
};

/**
 * What was clicked: one feature at a time, topmost first, with a pager ("1 / 3") through the
 * features stacked under the click. A plan feature shows the catalogue's labelled attributes with
 * their units; a district its type and area. Every value is a text node; data never becomes markup.
 * Escape closes it. On a phone it is a bottom sheet over the lower part of the map.
 */
export function FeaturePanel({ layersById, onClose }: Props) {
  const { t } = useTranslation();
  const hits = useAppStore((s) => s.app.hits);
  const page = useAppStore((s) => s.app.hitPage);
  const dispatch = useDispatch();
  const current = hits[page] ?? null;
  const setPage = (next: number) => dispatch({ type: "set-hit-page", page: next });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  if (!current) return null;
  return (
    <aside className="feature-panel" data-testid="feature-panel" aria-label={t("feature.title")}>
      <header className="card__header">
        <h2 className="card__title">{t("feature.title")}</h2>
        <CloseButton label={t("feature.close")} onClick={onClose} />
      </header>
      {hits.length > 1 && (
        <nav className="feature-pager" aria-label={t("identify.pages")}>
          <button
            type="button"
            className="feature-pager__button"
            data-testid="identify-prev"
            aria-label={t("identify.previous")}
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            ‹
          </button>
          <span className="feature-pager__count" data-testid="identify-page" aria-live="polite">
            {t("identify.page", { index: page + 1, count: hits.length })}
          </span>
          <button
            type="button"
            className="feature-pager__button"
            data-testid="identify-next"
            aria-label={t("identify.next")}
            disabled={page === hits.length - 1}
            onClick={() => setPage(page + 1)}
          >
            ›
          </button>
        </nav>
      )}
      <FeatureSection hit={current} layersById={layersById} />
    </aside>
  );
}

function FeatureSection({
  hit,
  layersById,
}: {
  hit: FeatureHit;
  layersById: ReadonlyMap<string, LayerEntry>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const words = { yes: t("feature.yes"), no: t("feature.no") };
  const props = hit.feature.properties ?? {};
  if (hit.kind === "district") {
    const type = typeof props.type === "string" ? props.type : "";
    return (
      <section className="feature-panel__section" data-testid="feature-district">
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
    <section className="feature-panel__section" data-layer={layer.id} data-testid="feature-section">
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
}
