import { describe, expect, it } from "vitest";
import {
  parseTileUrl,
  TileWorkerClient,
  type TileWorkerPort,
} from "../../src/map/tile-worker-client";
import type { FromTileWorker, ToTileWorker } from "../../src/worker/tile-protocol";

/** A tile worker the test answers by hand. */
function manualPort() {
  const sent: ToTileWorker[] = [];
  let listener: (message: FromTileWorker) => void = () => {};
  const port: TileWorkerPort = {
    post: (m) => sent.push(m),
    onMessage: (l) => {
      listener = l;
    },
  };
  return { port, sent, answer: (message: FromTileWorker) => listener(message) };
}

describe("the page's side of the tile worker", () => {
  it("reads the protocol's tile URLs, and nothing else", () => {
    expect(parseTileUrl("plan-tiles://p12/9/408/228")).toEqual({
      key: "p12",
      z: 9,
      x: 408,
      y: 228,
    });
    expect(parseTileUrl("plan-tiles://p1/9/408")).toBeNull();
    expect(parseTileUrl("https://example.org/p1/9/408/228")).toBeNull();
    expect(parseTileUrl("plan-tiles://__proto__/1/2/3")).toBeNull();
  });

  it("answers each tile request with its own bytes, in whatever order they come", async () => {
    const { port, sent, answer } = manualPort();
    const client = new TileWorkerClient(port);
    const first = client.tile("p1", 9, 1, 2);
    const second = client.tile("p1", 9, 1, 3);
    const [a, b] = sent as Extract<ToTileWorker, { type: "tile" }>[];
    expect([a?.y, b?.y]).toEqual([2, 3]);
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    answer({ type: "tile", requestId: b?.requestId ?? 0, bytes });
    answer({ type: "tile", requestId: a?.requestId ?? 0, bytes: new ArrayBuffer(0) });
    expect(await second).toBe(bytes);
    expect((await first).byteLength).toBe(0);
  });

  it("fails a tile the worker could not cut, and drops the answer to an aborted one", async () => {
    const { port, sent, answer } = manualPort();
    const client = new TileWorkerClient(port);
    const failing = client.tile("p1", 0, 0, 0);
    answer({
      type: "tile",
      requestId: (sent[0] as { requestId: number }).requestId,
      bytes: new ArrayBuffer(0),
      error: "SyntaxError: bad JSON",
    });
    await expect(failing).rejects.toThrow("bad JSON");

    const abort = new AbortController();
    const aborted = client.tile("p1", 1, 0, 0, abort.signal);
    abort.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    // the worker's late answer is ignored
    answer({
      type: "tile",
      requestId: (sent[1] as { requestId: number }).requestId,
      bytes: new ArrayBuffer(1),
    });
  });
});
