import type { FeatureCollection } from "geojson";
import { describe, expect, it, vi } from "vitest";
import {
  LayerLoader,
  type LayerLoadWorkerFactory,
  type LoadLayerFile,
} from "../../src/app/layer-loader";
import { LoadError } from "../../src/app/load-source";
import { createLayerLoadHandler } from "../../src/worker/layer-load-handler";
import type { FromLayerLoadWorker, ToLayerLoadWorker } from "../../src/worker/layer-load-protocol";

const collection = (name: string): FeatureCollection => ({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { name },
      geometry: { type: "Point", coordinates: [105.8, 21] },
    },
  ],
});

/** A worker stand-in that answers when the test says so; records what it was asked. */
function fakeWorker() {
  const asked: ToLayerLoadWorker[] = [];
  let reply: (message: FromLayerLoadWorker) => void = () => {};
  let fail: (message: string) => void = () => {};
  const terminate = vi.fn();
  const starts = vi.fn();
  const factory: LayerLoadWorkerFactory = (onMessage, onFailure) => {
    starts();
    reply = onMessage;
    fail = onFailure;
    return { post: (message) => asked.push(message), terminate };
  };
  return {
    factory,
    asked,
    reply: (m: FromLayerLoadWorker) => reply(m),
    fail: (m: string) => fail(m),
    terminate,
    starts,
  };
}

const url = (name: string) => new URL(`http://127.0.0.1/layers/${name}`);

describe("LayerLoader", () => {
  it("loads files on one worker, answering each request as its reply comes", async () => {
    const worker = fakeWorker();
    const fallback = vi.fn();
    const loader = new LayerLoader(worker.factory, fallback);
    const a = loader.load(url("a.geojson"), "a.geojson", "point");
    const b = loader.load(url("b.fgb"), "b.fgb", "polygon");
    expect(worker.starts).toHaveBeenCalledTimes(1);
    expect(worker.asked.map((r) => [r.file, r.kind, r.url])).toEqual([
      ["a.geojson", "point", "http://127.0.0.1/layers/a.geojson"],
      ["b.fgb", "polygon", "http://127.0.0.1/layers/b.fgb"],
    ]);
    const [first, second] = worker.asked as [ToLayerLoadWorker, ToLayerLoadWorker];
    const failure = { file: "b.fgb", reason: "not-found", detail: "404" } as const;
    worker.reply({ id: second.id, ok: false, failure });
    worker.reply({ id: first.id, ok: true, data: collection("a") });
    await expect(a).resolves.toEqual(collection("a"));
    const error = await b.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).failure).toEqual(failure);
    expect(fallback).not.toHaveBeenCalled();
  });

  it("reads a file asked for twice once (the base districts and the district layer), per kind", async () => {
    const worker = fakeWorker();
    const loader = new LayerLoader(worker.factory, vi.fn());
    const base = loader.load(url("districts.fgb"), "data/districts.fgb", "polygon");
    const plan = loader.load(url("districts.fgb"), "../data/districts.fgb", "polygon");
    const asPoints = loader.load(url("districts.fgb"), "districts.fgb", "point");
    expect(worker.asked.map((r) => [r.file, r.kind])).toEqual([
      ["data/districts.fgb", "polygon"],
      ["districts.fgb", "point"],
    ]);
    worker.reply({ id: worker.asked[0]?.id ?? 0, ok: true, data: collection("districts") });
    const [fromBase, fromPlan] = await Promise.all([base, plan]);
    expect(fromPlan).toBe(fromBase);
    // read already: answered without asking the worker again
    const later = loader.load(url("districts.fgb"), "x", "polygon");
    await expect(later).resolves.toBe(fromBase);
    expect(worker.asked).toHaveLength(2);
    void asPoints.catch(() => {});
  });

  it("names the file as each caller knows it when a shared read fails, and tries again later", async () => {
    const worker = fakeWorker();
    const loader = new LayerLoader(worker.factory, vi.fn());
    const base = loader.load(url("gone.fgb"), "data/gone.fgb", "polygon");
    const plan = loader.load(url("gone.fgb"), "../data/gone.fgb", "polygon");
    const failure = { file: "data/gone.fgb", reason: "not-found", detail: "404" } as const;
    worker.reply({ id: worker.asked[0]?.id ?? 0, ok: false, failure });
    const files = await Promise.all(
      [base, plan].map((p) => p.catch((e: unknown) => (e as LoadError).failure.file)),
    );
    expect(files).toEqual(["data/gone.fgb", "../data/gone.fgb"]);
    const again = loader.load(url("gone.fgb"), "data/gone.fgb", "polygon");
    expect(worker.asked).toHaveLength(2);
    worker.reply({ id: worker.asked[1]?.id ?? 0, ok: true, data: collection("back") });
    await expect(again).resolves.toEqual(collection("back"));
  });

  it("starts its worker before the first request when asked, and loads on that one", async () => {
    const worker = fakeWorker();
    const loader = new LayerLoader(worker.factory, vi.fn());
    loader.start();
    loader.start();
    expect(worker.starts).toHaveBeenCalledTimes(1);
    const zones = loader.load(url("zones.fgb"), "layers/zones.fgb", "polygon");
    expect(worker.starts).toHaveBeenCalledTimes(1);
    expect(worker.asked).toHaveLength(1);
    worker.reply({ id: worker.asked[0]?.id ?? 0, ok: true, data: collection("zones") });
    await expect(zones).resolves.toEqual(collection("zones"));
  });

  it("reads on the page when the worker breaks: the requests waiting and every later one", async () => {
    const worker = fakeWorker();
    const fallback = vi.fn<LoadLayerFile>(async (_url, file) => collection(file));
    const loader = new LayerLoader(worker.factory, fallback);
    const waiting = loader.load(url("a.geojson"), "a.geojson", "point");
    worker.fail("layer-load worker failed to start");
    await expect(waiting).resolves.toEqual(collection("a.geojson"));
    expect(worker.terminate).toHaveBeenCalled();
    await expect(loader.load(url("b.geojson"), "b.geojson", "line")).resolves.toEqual(
      collection("b.geojson"),
    );
    expect(worker.starts).toHaveBeenCalledTimes(1);
    expect(fallback.mock.calls.map((c) => [c[0].href, c[1], c[2]])).toEqual([
      ["http://127.0.0.1/layers/a.geojson", "a.geojson", "point"],
      ["http://127.0.0.1/layers/b.geojson", "b.geojson", "line"],
    ]);
  });

  it("reads on the page where there are no workers", async () => {
    const fallback = vi.fn(async () => collection("x"));
    const loader = new LayerLoader(null, fallback);
    await expect(loader.load(url("x.geojson"), "x.geojson", "point")).resolves.toEqual(
      collection("x"),
    );
  });
});

describe("the layer-load worker's handler", () => {
  it("answers a file with its collection, and a failure with the reason the page shows", async () => {
    const posted: FromLayerLoadWorker[] = [];
    const load = vi.fn<LoadLayerFile>(async (u) => {
      if (u.pathname.endsWith("missing.fgb")) {
        throw new LoadError({ file: "missing.fgb", reason: "not-found", detail: "404" });
      }
      if (u.pathname.endsWith("odd.geojson")) throw new Error("socket hang up");
      return collection("ok");
    });
    const handle = createLayerLoadHandler((m) => posted.push(m), load);
    await handle({ id: 1, url: "http://127.0.0.1/ok.geojson", file: "ok.geojson", kind: "point" });
    await handle({
      id: 2,
      url: "http://127.0.0.1/missing.fgb",
      file: "missing.fgb",
      kind: "polygon",
    });
    await handle({ id: 3, url: "http://127.0.0.1/odd.geojson", file: "odd.geojson", kind: "line" });
    expect(posted).toEqual([
      { id: 1, ok: true, data: collection("ok") },
      { id: 2, ok: false, failure: { file: "missing.fgb", reason: "not-found", detail: "404" } },
      {
        id: 3,
        ok: false,
        failure: { file: "odd.geojson", reason: "network", detail: "socket hang up" },
      },
    ]);
    expect(load.mock.calls[1]?.[2]).toBe("polygon");
  });
});
