import * as maplibregl from "maplibre-gl";

/** A place to mark: WGS84 position and the words a screen reader says for it. */
export type MarkedPlace = { lat: number; lon: number; label: string };

/** The marker of the place found by coordinates (one at a time). */
export class PlaceMarker {
  private marker: maplibregl.Marker | null = null;

  constructor(private readonly map: maplibregl.Map) {}

  set(place: MarkedPlace | null): void {
    this.marker?.remove();
    this.marker = null;
    if (!place) return;
    const marker = new maplibregl.Marker({ color: "#c0392b" }).setLngLat([place.lon, place.lat]);
    const element = marker.getElement();
    element.setAttribute("aria-label", place.label);
    element.setAttribute("title", place.label);
    element.dataset.testid = "place-marker";
    this.marker = marker.addTo(this.map);
  }
}
