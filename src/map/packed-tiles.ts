import type { VectorSourceSpecification } from "maplibre-gl";
import type { PackedLayer } from "../io/packed-collection";
import type { FromTileWorker, ToTileWorker } from "../worker/tile-protocol";
import { maplibregl } from "./maplibre";

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

/** The tile worker's side as the page uses it (a Web Worker, or a handler in a Node test). */
export type TileWorkerPort = {
  post(message: ToTileWorker): void;
  onMessage(listener: (message: FromTileWorker) => void): void;
};

/** Starts the tile worker (bundled by Vite from src/worker/tile-worker.ts). */
function startTileWorker(): TileWorkerPort {
  const worker = new Worker(new URL("../worker/tile-worker.ts", import.meta.url), {
    type: "module",
  });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => {
      worker.onmessage = (event: MessageEvent<FromTileWorker>) => listener(event.data);
    },
  };
}

type Pending = { resolve: (bytes: ArrayBuffer) => void; reject: (error: Error) => void };

/**
 * The page's one tile worker and the packed layers it holds, by key, counted by the map sources
 * showing them (the main map and the dossier's snapshot map can show the same proposal): the
 * worker's index of a layer is freed when the last source lets it go.
 */
export class TileWorkerClient {
  private readonly pending = new Map<number, Pending>();
  private readonly held = new Map<PackedLayer, { key: string; sources: number }>();
  private nextRequest = 1;
  private nextKey = 1;

  constructor(private readonly port: TileWorkerPort) {
    port.onMessage((message) => {
      const waiting = this.pending.get(message.requestId);
      if (!waiting) return;
      this.pending.delete(message.requestId);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve(message.bytes);
    });
  }

  /** The key of `packed` for one more source, handing its bytes to the worker the first time. */
  acquire(packed: PackedLayer): string {
    const known = this.held.get(packed);
    if (known) {
      known.sources++;
      return known.key;
    }
    const key = `p${this.nextKey++}`;
    this.held.set(packed, { key, sources: 1 });
    this.port.post({ type: "load", key, blob: packed.blob });
    return key;
  }

  /** One source less shows `packed`; the worker forgets it when none does. */
  release(packed: PackedLayer): void {
    const known = this.held.get(packed);
    if (!known) return;
    if (--known.sources > 0) return;
    this.held.delete(packed);
    this.port.post({ type: "drop", key: known.key });
  }

  /** Tile z/x/y of the layer `key` as vector tile bytes (empty: no feature there). */
  tile(key: string, z: number, x: number, y: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      signal?.addEventListener("abort", () => {
        // the worker still answers; the answer is dropped
        this.pending.delete(requestId);
        reject(new DOMException("tile request aborted", "AbortError"));
      });
      this.port.post({ type: "tile", key, requestId, z, x, y });
    });
  }
}

/** `plan-tiles://KEY/Z/X/Y` → its parts; null for any other URL. */
export function parseTileUrl(url: string): { key: string; z: number; x: number; y: number } | null {
  const match = /^plan-tiles:\/\/(p\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(url);
  if (!match) return null;
  const [, key, z, x, y] = match;
  return { key: key as string, z: Number(z), x: Number(x), y: Number(y) };
}

let shared: TileWorkerClient | null = null;

/**
 * The page's tile worker client, started (and the protocol registered with MapLibre) when the
 * first packed layer is drawn.
 */
function sharedClient(): TileWorkerClient {
  if (shared) return shared;
  const client = new TileWorkerClient(startTileWorker());
  maplibregl.addProtocol(PACKED_PROTOCOL, async (params, abort) => {
    const parts = parseTileUrl(params.url);
    if (!parts) throw new Error(`not a packed tile: ${params.url}`);
    const data = await client.tile(parts.key, parts.z, parts.x, parts.y, abort.signal);
    return { data };
  });
  shared = client;
  return client;
}

/**
 * The packed layers one map shows, by source: each source's vector source spec, holding the
 * worker's index of its layer while the source shows it.
 */
export class PackedTiles {
  private readonly shown = new Map<string, { packed: PackedLayer; key: string }>();

  constructor(private readonly client: () => TileWorkerClient = sharedClient) {}

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
