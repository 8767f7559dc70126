import * as maplibregl from "maplibre-gl";

/**
 * MapLibre's UI strings this app shows (see `defaultLocale` in maplibre-gl): zoom buttons, the
 * credits toggle, the map's own label, markers, popups and the scale bar.
 */
export const MAP_UI_KEYS = [
  "NavigationControl.ZoomIn",
  "NavigationControl.ZoomOut",
  "NavigationControl.ResetBearing",
  "AttributionControl.ToggleAttribution",
  "Map.Title",
  "Marker.Title",
  "Popup.Close",
  "ScaleControl.Meters",
  "ScaleControl.Kilometers",
] as const;

/** MapLibre UI strings in the UI's language, keyed as MapLibre's `locale` option takes them. */
export type MapLocale = Record<(typeof MAP_UI_KEYS)[number], string>;

/**
 * The map's controls (zoom, scale, credits) in the UI's language. MapLibre reads its strings when a
 * control is added, so a language switch patches the map's locale and adds the controls again;
 * the canvas's label is set the same way.
 */
export class MapControls {
  private controls: maplibregl.IControl[] = [];
  private locale: MapLocale | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    locale: MapLocale,
  ) {
    this.setLocale(locale);
  }

  setLocale(locale: MapLocale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    // `_locale` is the table `_getUIString` reads; the `locale` option only fills it at construction
    Object.assign(this.map._locale, locale);
    this.map.getCanvas().setAttribute("aria-label", locale["Map.Title"]);
    for (const control of this.controls) this.map.removeControl(control);
    const navigation = new maplibregl.NavigationControl({ showCompass: false });
    const scale = new maplibregl.ScaleControl({ unit: "metric" });
    const attribution = new maplibregl.AttributionControl({ compact: true });
    this.map.addControl(navigation, "top-right");
    this.map.addControl(scale, "bottom-right");
    this.map.addControl(attribution, "bottom-right");
    this.controls = [navigation, scale, attribution];
  }
}
