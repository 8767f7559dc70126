import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { proposalTargets } from "../state/proposal-layer";
import { useAppStore, useDispatch } from "../state/store";
import { catalogOf, importTarget, rulesOf } from "../state/store-selectors";
import type { Language } from "../state/url-state";

/**
 * Which layer the proposal replaces: named when there is one, a chooser when the rules check several
 * city-level layers (the command line's `--proposal-layer`).
 */
export function ImportTarget({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const catalog = useAppStore(catalogOf);
  const rules = useAppStore(rulesOf);
  const target = useAppStore(importTarget);
  const dispatch = useDispatch();
  const targets = useMemo(
    () => (catalog ? proposalTargets(catalog.layers, rules) : []),
    [catalog, rules],
  );
  if (!target) return null;
  return (
    <div className="import-field" data-testid="import-target" data-target={target.id}>
      {targets.length > 1 ? (
        <label className="import-field__label">
          {t("import.target")}{" "}
          <select
            data-testid="import-target-select"
            value={target.id}
            disabled={disabled}
            onChange={(event) => dispatch({ type: "choose-import-target", id: event.target.value })}
          >
            {targets.map((layer) => (
              <option key={layer.id} value={layer.id}>
                {layer.title[lang]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="import-field__label">
          {t("import.target")} {target.title[lang]}
        </p>
      )}
    </div>
  );
}
