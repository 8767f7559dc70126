import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { MapLocale } from "../map/map-controls";

/** MapLibre's control strings in the UI's language (the `mapUi` texts), new when the language changes. */
export function useMapLocale(): MapLocale {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts change with the language only
  return useMemo(
    () => ({
      "NavigationControl.ZoomIn": t("mapUi.ZoomIn"),
      "NavigationControl.ZoomOut": t("mapUi.ZoomOut"),
      "NavigationControl.ResetBearing": t("mapUi.ResetBearing"),
      "AttributionControl.ToggleAttribution": t("mapUi.ToggleAttribution"),
      "Map.Title": t("mapUi.MapTitle"),
      "Marker.Title": t("mapUi.MarkerTitle"),
      "Popup.Close": t("mapUi.PopupClose"),
      "ScaleControl.Meters": t("mapUi.Meters"),
      "ScaleControl.Kilometers": t("mapUi.Kilometers"),
    }),
    [t, lang],
  );
}
