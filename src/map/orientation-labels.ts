import * as maplibregl from "maplibre-gl";
import type { OrientationLabel } from "../state/orientation";
import { placeLabels } from "./label-collision";
import { MarkerLabels } from "./marker-labels";

type Placed = { label: OrientationLabel; element: HTMLElement; marker: maplibregl.Marker };

/**
 * Names of the orientation layer (rivers, lakes, ring roads, district seats), each from its kind's
 * zoom on, never over another.
 */
export class OrientationLabels extends MarkerLabels<Placed> {
  /** Replaces every label. */
  set(labels: readonly OrientationLabel[]): void {
    this.clear();
    this.placed = labels.map((label) => {
      const element = document.createElement("div");
      element.className = `orientation-label orientation-label--${label.kind}`;
      element.textContent = label.name;
      element.dataset.id = label.id;
      const marker = new maplibregl.Marker({ element, anchor: "center" })
        .setLngLat(label.at)
        .addTo(this.map);
      return { label, element, marker };
    });
    this.layout();
  }

  protected layout(): void {
    const zoom = this.map.getZoom();
    const canvas = this.map.getCanvas();
    const due = this.placed.filter(({ label }) => zoom >= label.minZoom);
    const boxes = due.map(({ label, element }) => {
      const point = this.map.project(label.at);
      return {
        key: label.id,
        x: point.x,
        y: point.y,
        width: element.offsetWidth,
        height: element.offsetHeight,
        priority: -label.minZoom,
      };
    });
    const shown = placeLabels(boxes, { width: canvas.clientWidth, height: canvas.clientHeight });
    for (const { label, element } of this.placed) {
      element.classList.toggle("orientation-label--hidden", !shown.has(label.id));
    }
  }
}
