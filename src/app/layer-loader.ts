import type { FeatureCollection } from "geojson";
import type { GeometryKind } from "../core/validate/validate-layer";
import type { FromLayerLoadWorker, ToLayerLoadWorker } from "../worker/layer-load-protocol";
import type { WorkerFactory, WorkerPort } from "../worker/one-worker-runner";
import { LoadError } from "./load-source";
import { workerPort } from "./worker-port";

/** Reads one layer file into a collection, or throws a {@link LoadError}. */
export type LoadLayerFile = (
  url: URL,
  file: string,
  kind: GeometryKind,
) => Promise<FeatureCollection>;

export type LayerLoadWorkerFactory = WorkerFactory<ToLayerLoadWorker, FromLayerLoadWorker>;

type Pending = {
  request: ToLayerLoadWorker;
  resolve: (data: FeatureCollection) => void;
  reject: (error: unknown) => void;
};

/**
 * Loads layer files on one Web Worker, started on the first request and kept: the page's thread
 * only receives finished collections, so decoding the plan's layers never holds up the map or the
 * sidebar, and the readers are not part of the page's entry chunk. Requests overlap (the worker
 * answers each as it finishes). A worker that breaks (its script does not load, a message cannot be
 * read) is given up: its requests, and every later one, are read by `fallback` on the page itself,
 * which is slower but gives the same collections and the same errors.
 */
export class LayerLoader {
  private port: WorkerPort<ToLayerLoadWorker> | null = null;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Reads by kind and URL, kept once they succeed (see {@link LayerLoader.load}). */
  private readonly reads = new Map<string, Promise<FeatureCollection>>();

  constructor(
    private readonly factory: LayerLoadWorkerFactory | null,
    private readonly fallback: LoadLayerFile,
  ) {}

  /**
   * The file at `url` as a collection of `kind` geometries; rejects with a {@link LoadError} that
   * names the file as this caller knows it. A file asked for twice is read once: the base map's
   * districts and the catalogue's district layer are the same file, and each read costs a decode
   * in the worker and a copy to the page, both on the way to the first picture. The collection is
   * shared, so no caller may change it (none does: the map copies what it adds ids to). A failed
   * read is not kept: asking again tries again.
   */
  load(url: URL, file: string, kind: GeometryKind): Promise<FeatureCollection> {
    const key = `${kind} ${url.href}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.read(url, file, kind);
      this.reads.set(key, read);
      read.catch(() => this.reads.delete(key));
    }
    return read.catch((error: unknown) => {
      throw error instanceof LoadError ? new LoadError({ ...error.failure, file }) : error;
    });
  }

  private read(url: URL, file: string, kind: GeometryKind): Promise<FeatureCollection> {
    if (this.broken || !this.factory) return this.fallback(url, file, kind);
    return new Promise<FeatureCollection>((resolve, reject) => {
      const request: ToLayerLoadWorker = { id: this.nextId++, url: url.href, file, kind };
      this.pending.set(request.id, { request, resolve, reject });
      try {
        this.port ??= this.open();
        this.port.post(request);
      } catch {
        this.giveUp();
      }
    });
  }

  /** Starts the worker now, before the first request (its script loads meanwhile). */
  start(): void {
    if (this.broken || !this.factory || this.port) return;
    try {
      this.port = this.open();
    } catch {
      this.giveUp();
    }
  }

  /** Ends the worker; requests still waiting are read by the fallback. */
  dispose(): void {
    this.giveUp();
  }

  private open(): WorkerPort<ToLayerLoadWorker> {
    const factory = this.factory as LayerLoadWorkerFactory;
    return factory(
      (message) => this.onMessage(message),
      () => this.giveUp(),
    );
  }

  private onMessage(message: FromLayerLoadWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.data);
    else pending.reject(new LoadError(message.failure));
  }

  private giveUp(): void {
    this.broken = true;
    this.port?.terminate();
    this.port = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve, reject } of waiting) {
      this.fallback(new URL(request.url), request.file, request.kind).then(resolve, reject);
    }
  }
}

/** Starts the layer-loading worker (bundled by Vite from src/worker/layer-load-worker.ts). */
const startLayerLoadWorker: LayerLoadWorkerFactory = (onMessage, onFailure) =>
  workerPort(
    new Worker(new URL("../worker/layer-load-worker.ts", import.meta.url), { type: "module" }),
    "layer-load",
    onMessage,
    onFailure,
  );

/** The page's fallback: the same reader, its chunk loaded only if the worker cannot be used. */
const readOnPage: LoadLayerFile = (url, file, kind) =>
  import("./load-layer-file").then(({ loadFeatureCollection }) =>
    loadFeatureCollection(url, file, kind),
  );

let shared: LayerLoader | null = null;

function sharedLoader(): LayerLoader {
  shared ??= new LayerLoader(
    typeof Worker === "function" ? startLayerLoadWorker : null,
    readOnPage,
  );
  return shared;
}

/**
 * Loads a layer file (plan layers, the base map's areas) off the page's thread: one worker for the
 * whole app, started by the first call, or before by {@link startLayerLoading}.
 */
export const loadLayerFile: LoadLayerFile = (url, file, kind) =>
  sharedLoader().load(url, file, kind);

/**
 * Starts the layer-loading worker as the app starts: its script (about 300 kB) is fetched and
 * compiled while the catalogue and the districts' index come, not after (the first layer file is
 * asked for only once they are read).
 */
export function startLayerLoading(): void {
  sharedLoader().start();
}
