import type * as maplibregl from "maplibre-gl";

/**
 * Names drawn as DOM markers (MapLibre draws symbol text only from glyph files and the app has no
 * glyph server, while the browser's own fonts render Vietnamese diacritics offline). A subclass
 * makes the markers and lays them out again after every move and resize.
 */
export abstract class MarkerLabels<Placed extends { marker: maplibregl.Marker }> {
  protected placed: Placed[] = [];
  private readonly onMove = () => this.layout();

  constructor(protected readonly map: maplibregl.Map) {
    map.on("moveend", this.onMove);
    map.on("resize", this.onMove);
  }

  /** Shows, hides or moves the labels for the current view. */
  protected abstract layout(): void;

  /** Removes every marker. */
  protected clear(): void {
    for (const { marker } of this.placed) marker.remove();
    this.placed = [];
  }

  /** Removes the labels and stops listening to the map. */
  destroy(): void {
    this.clear();
    this.map.off("moveend", this.onMove);
    this.map.off("resize", this.onMove);
  }
}
