import * as maplibregl from "maplibre-gl";
import { stripUnitPrefix } from "../core/text/normalize-search";
import { type LabelBox, placeLabelsWithLeaders } from "./label-collision";
import { MarkerLabels } from "./marker-labels";

/** What a district label needs: where it goes and how important it is. */
export type DistrictLabel = {
  code: string;
  name: string;
  /** [lon, lat] of a point inside the district. */
  center: [number, number];
  /** Larger districts win label collisions. */
  areaKm2: number;
};

type Placed = {
  label: DistrictLabel;
  marker: maplibregl.Marker;
  element: HTMLElement;
  text: HTMLElement;
  leader: SVGLineElement;
};

/** Districts smaller than this (the dense urban core) get smaller type. */
const SMALL_DISTRICT_KM2 = 40;

const SVG = "http://www.w3.org/2000/svg";

/**
 * District names as DOM markers. MapLibre draws symbol text only from glyph files and the app has no
 * glyph server, while the browser's own fonts render Vietnamese diacritics offline, so 30 HTML
 * labels do the job. Names go in as `textContent`, never markup. The small districts of the core
 * get smaller type; after each move a label that would overlap another is moved beside its district
 * with a leader line back to it (see `placeLabelsWithLeaders`), and hidden only when no spot is free.
 */
export class DistrictLabels extends MarkerLabels<Placed> {
  /** The names shown by the last layout, where they are drawn (after any move off their anchor). */
  private shownBoxes: LabelBox[] = [];

  /** Replaces every label. */
  set(labels: readonly DistrictLabel[]): void {
    this.clear();
    this.placed = labels.map((label) => {
      // A zero-size marker at the district's point; the name and its leader hang off it.
      const element = document.createElement("div");
      element.className = `district-label${label.areaKm2 < SMALL_DISTRICT_KM2 ? " district-label--small" : ""}`;
      element.dataset.code = label.code;
      const svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("class", "district-label__leader");
      svg.setAttribute("aria-hidden", "true");
      const leader = document.createElementNS(SVG, "line");
      svg.append(leader);
      const text = document.createElement("span");
      text.className = "district-label__text";
      text.textContent = stripUnitPrefix(label.name);
      element.append(svg, text);
      const marker = new maplibregl.Marker({ element, anchor: "center" })
        .setLngLat(label.center)
        .addTo(this.map);
      return { label, marker, element, text, leader };
    });
    this.layout();
  }

  protected layout(): void {
    const canvas = this.map.getCanvas();
    const viewport = { width: canvas.clientWidth, height: canvas.clientHeight };
    const boxes = this.placed.map(({ label, text }) => {
      const point = this.map.project(label.center);
      return {
        key: label.code,
        x: point.x,
        y: point.y,
        width: text.offsetWidth,
        height: text.offsetHeight,
        // the dense core first: the large districts around it have room to spare
        priority: -label.areaKm2,
      };
    });
    const placed = placeLabelsWithLeaders(boxes, viewport);
    this.shownBoxes = boxes.flatMap((box) => {
      const offset = placed.get(box.key);
      return offset ? [{ ...box, x: box.x + offset.dx, y: box.y + offset.dy }] : [];
    });
    for (const { label, element, text, leader } of this.placed) {
      const offset = placed.get(label.code);
      element.classList.toggle("district-label--hidden", !offset);
      element.classList.toggle(
        "district-label--moved",
        !!offset && (offset.dx !== 0 || offset.dy !== 0),
      );
      const { dx, dy } = offset ?? { dx: 0, dy: 0 };
      text.style.transform = `translate(calc(-50% + ${dx}px), calc(-50% + ${dy}px))`;
      leader.setAttribute("x2", String(dx));
      leader.setAttribute("y2", String(dy));
    }
  }

  /**
   * The district names on screen, as boxes: other labels keep off them. Up to date after each move,
   * since the district labels are laid out first (see {@link OrientationLabels}).
   */
  shown(): readonly LabelBox[] {
    return this.shownBoxes;
  }
}
