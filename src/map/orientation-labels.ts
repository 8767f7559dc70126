import * as maplibregl from "maplibre-gl";
import type { OrientationLabel } from "../state/orientation";
import { type LabelBox, placeLabelsWithLeaders } from "./label-collision";
import { MarkerLabels } from "./marker-labels";

type Placed = {
  label: OrientationLabel;
  element: HTMLElement;
  text: HTMLElement;
  marker: maplibregl.Marker;
};

/** How far a name may be nudged off its place to clear another (no leader line: it stays near). */
const NUDGE_PX = 40;

/**
 * Names of the orientation layer (rivers, lakes, ring roads, district seats), each from its kind's
 * zoom on, never over another nor over a district's name: nudged aside when its place is taken,
 * hidden when no place near it is free (`districtNames`: the district labels,
 * made first, so laid out first after each move: MapLibre calls listeners in the order they came).
 */
export class OrientationLabels extends MarkerLabels<Placed> {
  constructor(
    map: maplibregl.Map,
    private readonly districtNames: () => readonly LabelBox[],
  ) {
    super(map);
  }

  /** Replaces every label. */
  set(labels: readonly OrientationLabel[]): void {
    this.clear();
    this.placed = labels.map((label) => {
      const element = document.createElement("div");
      element.className = `orientation-label orientation-label--${label.kind}`;
      element.dataset.id = label.id;
      // the marker positions its element; a nudge moves the text inside it
      const text = document.createElement("span");
      text.className = "orientation-label__text";
      text.textContent = label.name;
      element.append(text);
      const marker = new maplibregl.Marker({ element, anchor: "center" })
        .setLngLat(label.at)
        .addTo(this.map);
      return { label, element, text, marker };
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
    const viewport = { width: canvas.clientWidth, height: canvas.clientHeight };
    const placed = placeLabelsWithLeaders(boxes, viewport, 4, NUDGE_PX, this.districtNames());
    for (const { label, element, text } of this.placed) {
      const offset = placed.get(label.id);
      element.classList.toggle("orientation-label--hidden", !offset);
      text.style.transform = offset ? `translate(${offset.dx}px, ${offset.dy}px)` : "";
    }
  }
}
