import type { RasterSourceSpecification, VectorSourceSpecification } from "maplibre-gl";
import type { PackedLayer } from "../io/packed-collection";
import type { PictureStyle } from "../worker/tile-protocol";
import { maplibregl } from "./maplibre";
import { PICTURE_PROTOCOL } from "./packed-pictures";
import {
  parsePictureUrl,
  parseTileUrl,
  type TileWorkerClient,
  tileWorkerClient,
} from "./tile-worker-client";

/**
 * How a packed layer (a large proposal, a comparison's pieces: FeatureCollection bytes in a Blob)
 * reaches a map: as a vector source whose tiles a Web Worker cuts from the bytes
 * (src/worker/tile-handler.ts) and MapLibre asks for through the `plan-tiles://` protocol. The
 * features never become objects on the page's thread. A GeoJSON source given a blob URL did worse
 * than it looked: MapLibre's worker fetches a `blob:` URL through the page (which parsed and
 * structured-cloned 100 000 zones to it, 4 s) and then sends the parsed data back to the page
 * (another 5 s).
 */
export const PACKED_PROTOCOL = "plan-tiles";

/**
 * The page's tile worker client, with the protocol registered with MapLibre (once, when the first
 * packed layer is drawn).
 */
function sharedClient(): TileWorkerClient {
  const client = tileWorkerClient();
  if (registered) return client;
  registered = true;
  maplibregl.addProtocol(PACKED_PROTOCOL, async (params, abort) => {
    const parts = parseTileUrl(params.url);
    if (!parts) throw new Error(`not a packed tile: ${params.url}`);
    const data = await client.tile(parts.key, parts.z, parts.x, parts.y, abort.signal);
    return { data };
  });
  maplibregl.addProtocol(PICTURE_PROTOCOL, async (params, abort) => {
    const parts = parsePictureUrl(params.url);
    if (!parts) throw new Error(`not a packed picture: ${params.url}`);
    const { key, version, z, x, y } = parts;
    const pixels = PICTURE_TILE_SIZE * pictureRatio();
    const image = await client.picture(key, version, { z, x, y, pixels }, abort.signal);
    return { data: image ?? (await blankPicture()) };
  });
  return client;
}

/** Whether this browser's workers can draw pictures (see `PackedTiles.drawsPictures`). */
function canDrawPictures(): boolean {
  return (
    typeof OffscreenCanvas === "function" &&
    typeof OffscreenCanvasRenderingContext2D === "function" &&
    typeof createImageBitmap === "function"
  );
}

/** Pictures are tiles of 512 CSS pixels, as the vector tiles they stand for. */
const PICTURE_TILE_SIZE = 512;

/** Device pixels per CSS pixel of a picture: the screen's, whole, 1 or 2 (a 4 MB tile at most). */
const pictureRatio = () => Math.min(2, Math.max(1, Math.round(globalThis.devicePixelRatio || 1)));

let blank: Promise<ImageBitmap> | null = null;

/** A transparent pixel: the picture of a tile where nothing is drawn (MapLibre needs an image). */
function blankPicture(): Promise<ImageBitmap> {
  blank ??= createImageBitmap(new ImageData(1, 1));
  return blank;
}

let registered = false;

/** The versions of pictures' styles, one series for every map of the page (they share layers). */
let nextPictureVersion = 1;

/**
 * The packed layers one map shows, by source: each source's vector source spec, holding the
 * worker's index of its layer while the source shows it.
 */
export class PackedTiles {
  private readonly shown = new Map<string, { packed: PackedLayer; key: string }>();

  /**
   * @param drawsPictures - whether the tile worker can draw pictures (a 2D OffscreenCanvas and
   *   ImageBitmaps: Chromium, Firefox, Safari from 16.4); without, large layers are drawn feature by
   *   feature at every zoom, as before
   */
  constructor(
    private readonly client: () => TileWorkerClient = sharedClient,
    readonly drawsPictures: boolean = canDrawPictures(),
  ) {}

  /** The vector source that draws `packed` as `sourceId` (tiles cut by the tile worker). */
  sourceFor(sourceId: string, packed: PackedLayer): VectorSourceSpecification {
    let shown = this.shown.get(sourceId);
    if (shown?.packed !== packed) {
      this.release(sourceId);
      shown = { packed, key: this.client().acquire(packed) };
      this.shown.set(sourceId, shown);
    }
    return {
      type: "vector",
      tiles: [`${PACKED_PROTOCOL}://${shown.key}/{z}/{x}/{y}`],
      // as deep as MapLibre's GeoJSON sources cut (see TILE_OPTIONS), in 512-pixel tiles as theirs
      maxzoom: 18,
    };
  }

  /**
   * The raster source of `sourceId`'s pictures drawn with `style`: the tile worker is given the
   * style first, under a version of its own, so every picture asked for through this spec is drawn
   * with it, whatever style another map (the dossier's) gives the same layer.
   */
  picturesFor(
    sourceId: string,
    style: PictureStyle,
    maxzoom: number,
  ): RasterSourceSpecification | null {
    const shown = this.shown.get(sourceId);
    if (!shown) return null;
    const version = nextPictureVersion++;
    this.client().pictureStyle(shown.key, version, style);
    return {
      type: "raster",
      tiles: [`${PICTURE_PROTOCOL}://${shown.key}/${version}/{z}/{x}/{y}`],
      tileSize: PICTURE_TILE_SIZE,
      maxzoom,
    };
  }

  /** Whether `sourceId` showed a packed layer; it no longer does after this (true: it did). */
  release(sourceId: string): boolean {
    const shown = this.shown.get(sourceId);
    if (!shown) return false;
    this.shown.delete(sourceId);
    this.client().release(shown.packed);
    return true;
  }

  /** Lets go of every layer of this map (the map is removed). */
  releaseAll(): void {
    for (const id of [...this.shown.keys()]) this.release(id);
  }
}
