import * as maplibregl from "maplibre-gl";

/**
 * The name of the feature under the pointer, in a small popup that follows it. The text is set as
 * text (`setText`), never as markup: names come from data.
 */
export class HoverTooltip {
  private readonly popup = new maplibregl.Popup({
    closeButton: false,
    closeOnClick: false,
    className: "hover-tooltip",
    offset: 12,
    maxWidth: "280px",
  });
  private shown: string | null = null;

  constructor(private readonly map: maplibregl.Map) {
    map.getCanvas().addEventListener("mouseleave", () => this.hide());
  }

  /** Shows `name` at `lngLat`, or hides the tooltip when there is no name. */
  show(name: string | null, lngLat: maplibregl.LngLat): void {
    if (name === null) {
      this.hide();
      return;
    }
    if (this.shown !== name) this.popup.setText(name);
    this.popup.setLngLat(lngLat);
    if (this.shown === null) this.popup.addTo(this.map);
    this.shown = name;
  }

  hide(): void {
    if (this.shown === null) return;
    this.popup.remove();
    this.shown = null;
  }
}
