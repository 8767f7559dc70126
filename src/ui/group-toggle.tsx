import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PlanLevel } from "../core/catalog/schema";
import { groupVisibility } from "../state/layer-order";
import type { LayerSettings } from "../state/layer-settings";

/**
 * A plan level's checkbox: checked when all its layers are shown, mixed when some are; a click
 * shows them all, or hides them all when all are shown.
 */
export function GroupToggle({
  level,
  ids,
  settings,
  onChange,
}: {
  level: PlanLevel;
  ids: readonly string[];
  settings: LayerSettings;
  onChange: (visible: boolean) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const state = groupVisibility(settings, ids);
  useEffect(() => {
    // "indeterminate" is a property only (no attribute); screen readers hear it as "mixed"
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="layer-group__toggle"
      data-testid={`group-toggle-${level}`}
      data-state={state}
      checked={state === "all"}
      aria-label={t("layer.groupToggle", { group: t(`levels.${level}`) })}
      onChange={() => onChange(state !== "all")}
    />
  );
}
