import type { Feature } from "geojson";
import { type GeometryPack, packGeometries } from "../core/check/geometry-pack";
import type { Finding } from "../core/check/index";
import type { Uniter } from "../state/triage-area";
import type { FromAreaWorker, ToAreaWorker } from "./area-protocol";
import type { WorkerFactory, WorkerPort } from "./one-worker-runner";

/** Starts the area worker; `onFailure` hears that it broke (its script failed to load). */
export type AreaWorkerFactory = WorkerFactory<ToAreaWorker, FromAreaWorker>;

/**
 * Findings packed per message, each message its own task: packing 4 000 conflict geometries takes
 * a few ms, so sending a run's 20 000 never holds the page's thread for long.
 */
export const CHUNK_FINDINGS = 4000;

/** Gives the event loop a turn (a task boundary, so input and painting go first). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The buffers of a pack, to transfer (each once). */
function packBuffers(pack: GeometryPack): ArrayBuffer[] {
  const arrays = [pack.metaStart, pack.meta, pack.coordStart, pack.coords, pack.boxes, pack.rank];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

type Loaded = {
  set: number;
  findings: readonly Finding[];
  position: Map<Finding, number>;
  /** Resolves once every chunk has been posted (or the worker failed meanwhile). */
  sent: Promise<void>;
  /** Why the worker holding them failed, if it did. */
  failure?: Error;
};

/**
 * The page's side of the area worker: a {@link Uniter} per run's findings. The first union asked
 * of a run posts the run's conflict geometries to the worker, packed flat and transferred, a chunk
 * per task; each union then posts only its members' positions (a transferred `Uint32Array`), and
 * the page's thread never unites. The worker starts on the first union and is kept; it holds one
 * run's geometries at a time. A worker that fails rejects the unions asked of it (the caller
 * may work them out itself), and the next union starts a fresh one.
 */
export class AreaClient {
  private port: WorkerPort<ToAreaWorker> | null = null;
  private loaded: Loaded | null = null;
  private nextSet = 1;
  private nextRequest = 1;
  private readonly pending = new Map<
    number,
    { resolve: (area: number) => void; reject: (error: Error) => void }
  >();
  private readonly uniters = new WeakMap<readonly Finding[], Uniter>();

  constructor(private readonly factory: AreaWorkerFactory) {}

  /** The uniter of `findings` (a run's, in its order), the same object for the same array. */
  uniterFor(findings: readonly Finding[]): Uniter {
    let uniter = this.uniters.get(findings);
    if (!uniter) {
      uniter = { unite: (_rule, members, signal) => this.unite(findings, members, signal) };
      this.uniters.set(findings, uniter);
    }
    return uniter;
  }

  /** Terminates the worker; unions asked of it reject. */
  dispose(): void {
    this.fail(new Error("area worker disposed"));
  }

  private async unite(
    run: readonly Finding[],
    members: readonly Finding[],
    signal?: AbortSignal,
  ): Promise<number> {
    const loaded = this.load(run);
    await loaded.sent;
    signal?.throwIfAborted();
    if (loaded.failure) throw loaded.failure;
    const port = this.port;
    // a newer run's geometries took the worker's place: this run's positions are not all known
    if (!port || this.loaded !== loaded) throw new Error("area worker restarted");
    const positions = new Uint32Array(members.length);
    members.forEach((f, i) => {
      const at = loaded.position.get(f);
      if (at === undefined) throw new Error(`finding ${f.id} is not one of the run's findings`);
      positions[i] = at;
    });
    const requestId = this.nextRequest++;
    const answer = new Promise<number>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
    });
    const message: ToAreaWorker = {
      type: "unite",
      requestId,
      set: loaded.set,
      members: positions,
    };
    port.post(message, [positions.buffer]);
    if (!signal) return answer;
    // an aborted union is not waited for (its late answer is dropped)
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(requestId);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  /** The worker holding `run`'s geometries (started, and sent them, when it does not yet). */
  private load(run: readonly Finding[]): Loaded {
    if (this.loaded?.findings === run && this.port) return this.loaded;
    this.port ??= this.factory(
      (message) => this.onMessage(message),
      (message) => this.fail(new Error(message)),
    );
    const port = this.port;
    const set = this.nextSet++;
    const position = new Map<Finding, number>();
    const loaded: Loaded = { set, findings: run, position, sent: Promise.resolve() };
    this.loaded = loaded;
    // each chunk packed, and its findings' positions noted, in a task of its own, the first too:
    // the union that asked comes in the task that listed the findings (a run's 20 000 positions
    // and a first chunk there held the page's thread for 100 ms and more on a busy machine)
    loaded.sent = (async () => {
      for (let start = 0; start < run.length; start += CHUNK_FINDINGS) {
        await nextTask();
        // a newer run, or a failed worker: the rest is not wanted
        if (this.port !== port || this.loaded !== loaded) return;
        const chunk = run.slice(start, start + CHUNK_FINDINGS);
        for (const [i, f] of chunk.entries()) position.set(f, start + i);
        const pack = packGeometries(
          chunk as unknown as Feature[],
          (bytes) => new ArrayBuffer(bytes),
        );
        port.post({ type: "findings", set, start, pack }, packBuffers(pack));
      }
    })();
    return loaded;
  }

  private onMessage(message: FromAreaWorker): void {
    const waiting = this.pending.get(message.requestId);
    if (!waiting) return;
    this.pending.delete(message.requestId);
    if (message.type === "united") waiting.resolve(message.squareMeters);
    else waiting.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    if (this.loaded) this.loaded.failure = error;
    this.port?.terminate();
    this.port = null;
    this.loaded = null;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
