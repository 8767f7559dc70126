import type { PackedLayer } from "../io/packed-collection";
import type { FromTileWorker, PictureStyle, ToTileWorker } from "../worker/tile-protocol";

/*
 * The page's side of the tile worker (src/worker/tile-handler.ts), which cuts packed layers into
 * vector tiles for the map. Kept apart from MapLibre (src/map/packed-tiles.ts registers the
 * protocol MapLibre asks through), so the import dialog can warm a proposal up without the map's
 * chunk.
 */

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

type Pending = { resolve: (answer: FromTileWorker) => void; reject: (error: Error) => void };

/**
 * The page's one tile worker and the packed layers it holds, by key, counted by what holds them
 * (the main map's and the dossier's snapshot map's sources, the import dialog warming one up): the
 * worker's index of a layer is freed on the task after the last holder lets it go, unless another
 * takes it in between (the dialog closing as the map takes the proposal it warmed).
 */
export class TileWorkerClient {
  private readonly pending = new Map<number, Pending>();
  private readonly held = new Map<PackedLayer, { key: string; sources: number }>();
  private nextRequest = 1;
  private nextKey = 1;

  constructor(
    private readonly port: TileWorkerPort,
    private readonly later: (task: () => void) => void = (task) => setTimeout(task, 0),
  ) {
    port.onMessage((message) => {
      const waiting = this.pending.get(message.requestId);
      if (!waiting) return;
      this.pending.delete(message.requestId);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve(message);
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

  /** One holder less of `packed`; the worker forgets it when none holds it a task later. */
  release(packed: PackedLayer): void {
    const known = this.held.get(packed);
    if (!known) return;
    if (--known.sources > 0) return;
    this.later(() => {
      if (known.sources > 0 || this.held.get(packed) !== known) return;
      this.held.delete(packed);
      this.port.post({ type: "drop", key: known.key });
    });
  }

  /** Tile z/x/y of the layer `key` as vector tile bytes (empty: no feature there). */
  async tile(
    key: string,
    z: number,
    x: number,
    y: number,
    signal?: AbortSignal,
  ): Promise<ArrayBuffer> {
    const answer = await this.ask(
      (requestId) => ({ type: "tile", key, requestId, z, x, y }),
      signal,
    );
    return answer.type === "tile" ? answer.bytes : new ArrayBuffer(0);
  }

  /** From now on, the pictures of layer `key` are drawn with `style` (see tile-picture.ts). */
  pictureStyle(key: string, version: number, style: PictureStyle): void {
    this.port.post({ type: "picture-style", key, version, style });
  }

  /**
   * Tile z/x/y of layer `key` drawn `pixels` square with its style `version`; null when nothing
   * is drawn there (or the style has changed since).
   */
  async picture(
    key: string,
    version: number,
    tile: { z: number; x: number; y: number; pixels: number },
    signal?: AbortSignal,
  ): Promise<ImageBitmap | null> {
    const answer = await this.ask(
      (requestId) => ({ type: "picture", key, version, requestId, ...tile }),
      signal,
    );
    return answer.type === "picture" ? answer.image : null;
  }

  private ask(
    message: (requestId: number) => ToTileWorker,
    signal?: AbortSignal,
  ): Promise<FromTileWorker> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      signal?.addEventListener("abort", () => {
        // the worker still answers; the answer is dropped
        this.pending.delete(requestId);
        reject(new DOMException("tile request aborted", "AbortError"));
      });
      this.port.post(message(requestId));
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

/** `plan-pictures://KEY/VERSION/Z/X/Y` → its parts; null for any other URL. */
export function parsePictureUrl(
  url: string,
): { key: string; version: number; z: number; x: number; y: number } | null {
  const match = /^plan-pictures:\/\/(p\d+)\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(url);
  if (!match) return null;
  const [, key, version, z, x, y] = match;
  return { key: key as string, version: Number(version), z: Number(z), x: Number(x), y: Number(y) };
}

let shared: TileWorkerClient | null = null;

/**
 * Starts cutting `packed` into tiles before any map asks (the import dialog shows a proposal the
 * user may load: its tiles are ready sooner after "load"). Returns the release.
 */
export function warmPackedLayer(packed: PackedLayer): () => void {
  const client = tileWorkerClient();
  client.acquire(packed);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    client.release(packed);
  };
}

/** The page's one tile worker client (the worker starts with the first layer it is given). */
export function tileWorkerClient(): TileWorkerClient {
  shared ??= new TileWorkerClient(startTileWorker());
  return shared;
}
