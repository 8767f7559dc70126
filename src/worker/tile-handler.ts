import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import type { FeatureCollection } from "geojson";
import {
  type CompiledStyle,
  compilePictureStyle,
  drawPicture,
  type PictureContext,
} from "./tile-picture";
import {
  type FromTileWorker,
  PACKED_SOURCE_LAYER,
  type PictureImage,
  SMALL_FEATURE,
  type ToTileWorker,
} from "./tile-protocol";

/** Tile units per pixel: MapLibre's GeoJSON tiles are 512 pixels of 8 192 units. */
const UNITS_PER_PIXEL = 8192 / 512;

/**
 * Tiles cut as MapLibre's own GeoJSON source cuts them (512-pixel tiles of 8 192 units, its
 * simplification tolerance of 0.375 pixel), so a packed layer draws as the same
 * layer given to a GeoJSON source does, but with a buffer of 8 pixels instead of 128: MapLibre's
 * 128 leaves room for labels, and packed layers have none (fills, outlines, lines up to a few
 * pixels wide, circles). With 128 each tile carried the features of a band a quarter of a tile
 * wide around it, about twice the geometry to draw. `generateId`: each feature's index is its id,
 * as the map's GeoJSON sources number them, so a click finds the feature in the packed bytes.
 */
export const TILE_OPTIONS = {
  extent: 8192,
  tolerance: 0.375 * UNITS_PER_PIXEL,
  buffer: 8 * UNITS_PER_PIXEL,
  maxZoom: 18,
  generateId: true,
} as const;

/**
 * A polygon whose box in its tile is at most this many pixels wide and high is marked
 * {@link SMALL_FEATURE}. An outline drawn in the polygon's own colour around it covers the
 * polygon and adds nothing its fill does not show; with 100 000 zones compared at the city's
 * zoom nearly every changed piece is that small, and their outlines were half of what a frame
 * drew (2.5 of 6.2 million indices).
 */
export const SMALL_FEATURE_PIXELS = 4;

/**
 * `feature`, marked {@link SMALL_FEATURE} when it is a polygon that small: a copy, since the
 * index keeps its tiles and their features share one attributes object across zoom levels.
 */
function markedIfSmall<F extends GeoJSONVTFeature>(feature: F): F {
  if (feature.type !== 3) return feature;
  const limit = SMALL_FEATURE_PIXELS * UNITS_PER_PIXEL;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  // every ring (of every part): the box of all of them is the polygon's
  for (const ring of feature.geometry) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (maxX - minX > limit || maxY - minY > limit) return feature;
  }
  return { ...feature, tags: { ...feature.tags, [SMALL_FEATURE]: true } };
}

/**
 * Where pictures are drawn: a canvas `pixels` square and what becomes of it once drawn (an
 * ImageBitmap in the worker: OffscreenCanvas), and a pattern of an image's pixels.
 */
export type PictureCanvas<Image> = {
  canvas(pixels: number): { context: PictureContext; image(): Image };
  pattern(image: PictureImage): CanvasPattern | null;
};

/** What the worker draws with: OffscreenCanvas (Canvas 2D, off the page's thread). */
export const offscreenPictures: PictureCanvas<ImageBitmap> = {
  canvas(pixels) {
    const canvas = new OffscreenCanvas(pixels, pixels);
    // drawn on the CPU: a GPU canvas would queue tens of thousands of paths behind the map's own
    // frames in the GPU process (and, with software WebGL, compete with them for the same cores)
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2D context in the tile worker");
    // Canvas's own fillStyle and strokeStyle also take gradients: a picture sets colours and patterns
    return { context: context as PictureContext, image: () => canvas.transferToImageBitmap() };
  },
  pattern(image) {
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    if (!context) return null;
    const pixels = new Uint8ClampedArray(image.data.length);
    pixels.set(image.data);
    context.putImageData(new ImageData(pixels, image.width, image.height), 0, 0);
    return context.createPattern(canvas, "repeat");
  },
};

/** Styles of pictures kept per layer: one for each map that shows it, and one it replaces. */
const STYLES_KEPT = 4;

/**
 * The tile worker's message loop, without the worker (so it runs in Node tests): indexes each
 * packed layer with geojson-vt once, and answers tile requests with vector tile bytes encoded by
 * vt-pbf, the libraries MapLibre's own GeoJSON source uses, and picture requests with the tile
 * drawn on a canvas (tile-picture.ts). A request arriving while its layer is still being parsed
 * waits for it; one for a dropped or unknown layer gets an empty tile (and no picture).
 */
export function createTileHandler<Image extends Transferable = ImageBitmap>(
  post: (message: FromTileWorker, transfer: Transferable[]) => void,
  pictures: PictureCanvas<Image> = offscreenPictures as unknown as PictureCanvas<Image>,
): (message: ToTileWorker) => Promise<void> {
  const layers = new Map<string, Promise<GeoJSONVT>>();
  /** Each layer's pictures' styles by version, the latest few (maps may draw a layer alike). */
  const styles = new Map<string, Map<number, CompiledStyle>>();

  /** Tile z/x/y of layer `key` as geojson-vt cut it, small polygons marked; null: nothing there. */
  async function cutTile(key: string, z: number, x: number, y: number) {
    const index = layers.get(key);
    if (!index) return null;
    const found = (await index).getTile(z, x, y);
    if (!found || found.features.length === 0) return null;
    return { found, features: found.features.map(markedIfSmall) as GeoJSONVTTile["features"] };
  }

  async function picture(
    message: Extract<ToTileWorker, { type: "picture" }>,
  ): Promise<Image | null> {
    const { key, version, z, x, y, pixels } = message;
    const cut = await cutTile(key, z, x, y);
    const style = styles.get(key)?.get(version);
    if (!cut || !style) return null;
    const { context, image } = pictures.canvas(pixels);
    drawPicture(context, cut.features, style, {
      z,
      x,
      y,
      extent: TILE_OPTIONS.extent,
      pixels,
    });
    return image();
  }

  async function tile(key: string, z: number, x: number, y: number): Promise<ArrayBuffer> {
    const cut = await cutTile(key, z, x, y);
    if (!cut) return new ArrayBuffer(0);
    const { found, features } = cut;
    const bytes = fromGeojsonVt(
      { [PACKED_SOURCE_LAYER]: { ...found, features } },
      { version: 2, extent: TILE_OPTIONS.extent },
    );
    // the bytes alone, so the transfer moves no more than the tile
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }

  return async (message) => {
    switch (message.type) {
      case "load": {
        const index = message.blob
          .text()
          .then((text) => new GeoJSONVT(JSON.parse(text) as FeatureCollection, TILE_OPTIONS));
        // a failure is answered to each tile request (see `tile`), not here: nobody waits on this
        index.catch(() => {});
        layers.set(message.key, index);
        return;
      }
      case "drop":
        layers.delete(message.key);
        styles.delete(message.key);
        return;
      case "picture-style": {
        const versions = styles.get(message.key) ?? new Map<number, CompiledStyle>();
        styles.set(message.key, versions);
        versions.set(
          message.version,
          compilePictureStyle(message.style, (image) => pictures.pattern(image)),
        );
        // the oldest go: their maps asked for a newer one since
        for (const old of versions.keys()) {
          if (versions.size <= STYLES_KEPT) break;
          versions.delete(old);
        }
        return;
      }
      case "picture": {
        const { requestId } = message;
        try {
          const image = await picture(message);
          post(
            { type: "picture", requestId, image: image as ImageBitmap | null },
            image ? [image] : [],
          );
        } catch (error) {
          post({ type: "picture", requestId, image: null, error: String(error) }, []);
        }
        return;
      }
      case "tile": {
        const { requestId, key, z, x, y } = message;
        try {
          const bytes = await tile(key, z, x, y);
          post({ type: "tile", requestId, bytes }, bytes.byteLength > 0 ? [bytes] : []);
        } catch (error) {
          post({ type: "tile", requestId, bytes: new ArrayBuffer(0), error: String(error) }, []);
        }
        return;
      }
    }
  };
}
