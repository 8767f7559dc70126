import type {
  ExpressionSpecification,
  LayerSpecification,
  RasterLayerSpecification,
} from "maplibre-gl";
import type { PackedLayer } from "../io/packed-collection";
import type { PictureImage, PictureLayer, PictureStyle } from "../worker/tile-protocol";
import { opacityProperties } from "./plan-layer-specs";

/*
 * A large packed layer of small features (a 100 000-zone proposal, its comparison, a large
 * check's findings) is drawn as pictures below the zoom where its features grow legible: the tile
 * worker draws each tile with the source's own layer specs (src/worker/tile-picture.ts) and the map
 * shows them in a raster layer. Every frame of the map drew every vertex of every feature in view:
 * with software WebGL 1.4–2.6 s a frame for 100 000 zones at the city's zoom, a few hundred
 * milliseconds with an integrated GPU. The vector layers stay, at opacity 0 below that zoom: they
 * draw nothing (MapLibre skips a layer whose opacity is 0), but a click or a hover still finds
 * their features, as before.
 */

/** Features at least this many pixels across (the median feature) are drawn one by one. */
export const LEGIBLE_PIXELS = 16;

/** A packed layer with fewer features is always drawn one by one: cheap in any frame. */
export const PICTURE_MIN_FEATURES = 5000;

/** Pictures are drawn up to this zoom at most (points, for instance, never grow). */
export const MAX_PICTURE_ZOOM = 16;

/**
 * The zoom from which `packed` is drawn feature by feature; below it, as pictures. Null: always
 * feature by feature (few features, or features legible at every zoom).
 */
export function pictureZoom(packed: Pick<PackedLayer, "count" | "span">): number | null {
  if (packed.count < PICTURE_MIN_FEATURES) return null;
  if (!(packed.span > 0)) return MAX_PICTURE_ZOOM;
  // a feature spans span × 512 × 2^z pixels at zoom z
  const zoom = Math.ceil(Math.log2(LEGIBLE_PIXELS / (packed.span * 512)));
  if (zoom <= 0) return null;
  return Math.min(zoom, MAX_PICTURE_ZOOM);
}

/** Protocol through which MapLibre asks for a packed layer's pictures (see packed-tiles.ts). */
export const PICTURE_PROTOCOL = "plan-pictures";

/** The raster source and layer that show source `sourceId`'s pictures. */
export const pictureSourceId = (sourceId: string) => `${sourceId}:pictures`;

type Stepped = ["step", ["zoom"], 0, number, unknown];

const isStepped = (value: unknown): value is Stepped =>
  Array.isArray(value) &&
  value.length === 5 &&
  value[0] === "step" &&
  Array.isArray(value[1]) &&
  value[1][0] === "zoom" &&
  value[2] === 0;

/** `value` from `zoom` on, 0 below (a picture draws it there). */
export function fromZoom(value: unknown, zoom: number): ExpressionSpecification {
  return ["step", ["zoom"], 0, zoom, unstepped(value)] as ExpressionSpecification;
}

/** The value a layer's property has above the pictures' zoom (itself when not stepped). */
export function unstepped(value: unknown): unknown {
  return isStepped(value) ? value[4] : value;
}

/**
 * `layer` drawn from `zoom` on (its opacities stepped), or at every zoom again (null): its paint
 * otherwise as it was.
 */
export function drawnFrom(layer: LayerSpecification, zoom: number | null): LayerSpecification {
  const names = opacityProperties(layer.type);
  if (names.length === 0) return layer;
  const paint: Record<string, unknown> = { ...("paint" in layer ? layer.paint : {}) };
  for (const name of names) {
    const value = paint[name] ?? 1;
    if (zoom === null) {
      if (isStepped(paint[name])) paint[name] = unstepped(value);
    } else {
      paint[name] = fromZoom(value, zoom);
    }
  }
  return { ...layer, paint } as LayerSpecification;
}

/** The raster layer of source `sourceId`'s pictures, shown below `zoom`. */
export function pictureLayerSpec(
  sourceId: string,
  zoom: number,
  visible: boolean,
): RasterLayerSpecification {
  return {
    id: pictureSourceId(sourceId),
    type: "raster",
    source: pictureSourceId(sourceId),
    maxzoom: zoom,
    layout: { visibility: visible ? "visible" : "none" },
    // no fade: a cross-fade is several frames, each as costly as the next
    paint: { "raster-fade-duration": 0 },
  };
}

/**
 * How the pictures draw the vector layers `layers` (one source's, bottom to top): the visible ones
 * that a picture can draw, their opacities unstepped, with the pattern images they name.
 */
export function pictureStyle(
  layers: readonly LayerSpecification[],
  image: (name: string) => PictureImage | null,
): PictureStyle {
  const drawn: PictureLayer[] = [];
  const images = new Map<string, PictureImage>();
  for (const layer of layers) {
    if (layer.type !== "fill" && layer.type !== "line" && layer.type !== "circle") continue;
    const layout: Record<string, unknown> = { ...(layer.layout ?? {}) };
    if (layout.visibility === "none") continue;
    const paint: Record<string, unknown> = { ...(layer.paint ?? {}) };
    for (const name of opacityProperties(layer.type)) {
      if (paint[name] !== undefined) paint[name] = unstepped(paint[name]);
    }
    const pattern = paint["fill-pattern"];
    if (typeof pattern === "string" && !images.has(pattern)) {
      const found = image(pattern);
      if (found) images.set(pattern, found);
    }
    drawn.push({ type: layer.type, filter: layer.filter, paint, layout });
  }
  return { layers: drawn, images };
}
