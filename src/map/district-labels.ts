import * as maplibregl from "maplibre-gl";
import { stripUnitPrefix } from "../core/text/normalize-search";
import { placeLabels } from "./label-collision";

/** What a district label needs: where it goes and how important it is. */
export type DistrictLabel = {
  code: string;
  name: string;
  /** [lon, lat] of a point inside the district. */
  center: [number, number];
  /** Larger districts win label collisions. */
  areaKm2: number;
};

type Placed = { label: DistrictLabel; marker: maplibregl.Marker; element: HTMLElement };

/**
 * District names as DOM markers. MapLibre draws symbol text only from glyph files and the app has no
 * glyph server, while the browser's own fonts render Vietnamese diacritics offline, so 30 HTML
 * labels do the job. Names go in as `textContent`, never markup. After each move, labels that would
 * overlap a larger district's label are hidden.
 */
export class DistrictLabels {
  private placed: Placed[] = [];
  private readonly onMove = () => this.layout();

  constructor(private readonly map: maplibregl.Map) {
    map.on("moveend", this.onMove);
    map.on("resize", this.onMove);
  }

  /** Replaces every label. */
  set(labels: readonly DistrictLabel[]): void {
    this.clear();
    this.placed = labels.map((label) => {
      const element = document.createElement("div");
      element.className = "district-label";
      element.textContent = stripUnitPrefix(label.name);
      element.dataset.code = label.code;
      const marker = new maplibregl.Marker({ element, anchor: "center" })
        .setLngLat(label.center)
        .addTo(this.map);
      return { label, marker, element };
    });
    this.layout();
  }

  private layout(): void {
    const canvas = this.map.getCanvas();
    const viewport = { width: canvas.clientWidth, height: canvas.clientHeight };
    const boxes = this.placed.map(({ label, element }) => {
      const point = this.map.project(label.center);
      return {
        key: label.code,
        x: point.x,
        y: point.y,
        width: element.offsetWidth,
        height: element.offsetHeight,
        priority: label.areaKm2,
      };
    });
    const shown = placeLabels(boxes, viewport);
    for (const { label, element } of this.placed) {
      element.classList.toggle("district-label--hidden", !shown.has(label.code));
    }
  }

  private clear(): void {
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
