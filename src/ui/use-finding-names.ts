import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Rule } from "../core/catalog/rules-schema";
import type { LayerEntry } from "../core/catalog/schema";
import type { LayerData } from "../io/packed-collection";
import { featureName, findFeature } from "../state/check-selection";
import type { Language } from "../state/url-state";

/** How the results list names rules, districts, layers and features, in the UI language. */
export type FindingNames = {
  lang: Language;
  rule: (id: string) => string;
  district: (code: string) => string;
  layer: (id: string) => string;
  /** "Name (id)" from the layer's name attribute, else the id. */
  feature: (layerId: string, featureId: string) => string;
};

/** Builds {@link FindingNames} from the rules, the catalogue, the loaded layers and the districts. */
export function useFindingNames(
  rules: readonly Rule[],
  catalog: readonly LayerEntry[],
  layers: Readonly<Record<string, LayerData>>,
  districtNames: ReadonlyMap<string, string>,
): FindingNames {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === "en" ? "en" : "vi";
  return useMemo(() => {
    const ruleById = new Map(rules.map((r) => [r.id, r]));
    const entryById = new Map(catalog.map((e) => [e.id, e]));
    return {
      lang,
      rule: (id) => ruleById.get(id)?.title[lang] ?? id,
      district: (code) => districtNames.get(code) ?? code,
      layer: (id) => entryById.get(id)?.title[lang] ?? id,
      feature: (layerId, featureId) => {
        const collection = layers[layerId];
        const feature = collection ? findFeature(collection, featureId) : null;
        const name = featureName(entryById.get(layerId), feature);
        return name && name !== featureId ? `${name} (${featureId})` : featureId;
      },
    };
  }, [rules, catalog, layers, districtNames, lang]);
}
