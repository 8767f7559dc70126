import { serialize } from "flatgeobuf/lib/mjs/geojson.js";
import type { FeatureCollection } from "geojson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadFeatureCollection } from "../../src/app/load-layer-file";
import { loadJson, toLoadFailure } from "../../src/app/load-source";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";

const collection: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { name: "Vành đai 4", width_m: 120 },
      geometry: {
        type: "LineString",
        coordinates: [
          [105.7, 21.1],
          [105.8, 21.0],
        ],
      },
    },
  ],
};

/** Answers every fetch with the given response. */
function serve(response: () => Response) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => response()),
  );
}

/** A FlatGeobuf file's bytes as a response body. */
const body = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

async function failureOf(promise: Promise<unknown>, file: string) {
  try {
    await promise;
  } catch (error) {
    return toLoadFailure(error, file);
  }
  throw new Error("expected the load to fail");
}

const url = (path: string) => new URL(path, "http://127.0.0.1/layers/catalog.json");

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("loadFeatureCollection", () => {
  it("reads GeoJSON", async () => {
    serve(() => Response.json(collection));
    await expect(loadFeatureCollection(url("a.geojson"), "a.geojson", "line")).resolves.toEqual(
      collection,
    );
  });

  it("reads FlatGeobuf, keeping Vietnamese text", async () => {
    const bytes = serialize(collection);
    serve(
      () =>
        new Response(body(bytes), {
          headers: { "content-type": "application/octet-stream" },
        }),
    );
    const loaded = await loadFeatureCollection(url("../data/rr4.fgb"), "../data/rr4.fgb", "line");
    expect(loaded.features).toHaveLength(1);
    expect(loaded.features[0]?.properties).toMatchObject({ name: "Vành đai 4", width_m: 120 });
    expect(loaded.features[0]?.geometry.type).toBe("LineString");
  });

  it("keeps the GeoJSON ids the data step wrote, so findings name features as the CLI does", async () => {
    const withIds: FeatureCollection = {
      type: "FeatureCollection",
      features: collection.features.map((f, i) => ({ ...f, id: `VD4-${i}` })),
    };
    const bytes = writeFlatGeobuf(withIds);
    serve(() => new Response(body(bytes)));
    const loaded = await loadFeatureCollection(url("../data/rr4.fgb"), "../data/rr4.fgb", "line");
    expect(loaded.features.map((f) => f.id)).toEqual(["VD4-0"]);
    expect(loaded.features[0]?.properties).toEqual({ name: "Vành đai 4", width_m: 120 });
  });

  it("treats a 404 and a single-page fallback HTML answer as a missing file", async () => {
    serve(() => new Response("nope", { status: 404 }));
    expect(await failureOf(loadFeatureCollection(url("x.fgb"), "x.fgb", "line"), "x.fgb")).toEqual({
      file: "x.fgb",
      reason: "not-found",
      detail: "404",
    });
    serve(() => new Response("<!doctype html>", { headers: { "content-type": "text/html" } }));
    expect(
      await failureOf(loadFeatureCollection(url("x.fgb"), "x.fgb", "line"), "x.fgb"),
    ).toMatchObject({
      reason: "not-found",
    });
  });

  it("names the file and the reason for broken content", async () => {
    serve(() => new Response("{ not json"));
    expect(await failureOf(loadJson(url("c.json"), "c.json"), "c.json")).toMatchObject({
      file: "c.json",
      reason: "json",
    });
    // a lone Feature is a one-feature layer since issue 7: here one without its geometry member
    serve(() => Response.json({ type: "Feature" }));
    expect(
      await failureOf(loadFeatureCollection(url("f.geojson"), "f.geojson", "line"), "f.geojson"),
    ).toMatchObject({
      file: "f.geojson",
      reason: "not-geojson",
      detail: "features[0]: has no geometry member",
      message: { vi: "features[0]: thiếu geometry" },
    });
    serve(() => Response.json({ type: "Layer" }));
    expect(
      await failureOf(loadFeatureCollection(url("f.geojson"), "f.geojson", "line"), "f.geojson"),
    ).toMatchObject({
      reason: "not-geojson",
      detail: 'type "Layer" is not GeoJSON ("FeatureCollection" expected)',
    });
    serve(() => Response.json({ type: "FeatureCollection", features: [{ type: "Point" }] }));
    expect(
      await failureOf(loadFeatureCollection(url("f.geojson"), "f.geojson", "line"), "f.geojson"),
    ).toMatchObject({ detail: 'features[0]: is not a Feature (type "Point")' });
    serve(() => new Response(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])));
    expect(
      await failureOf(loadFeatureCollection(url("b.fgb"), "b.fgb", "line"), "b.fgb"),
    ).toMatchObject({
      file: "b.fgb",
      reason: "fgb",
    });
  });

  it("reports server errors and network failures", async () => {
    serve(() => new Response("", { status: 500, statusText: "Internal Server Error" }));
    expect(await failureOf(loadJson(url("c.json"), "c.json"), "c.json")).toEqual({
      file: "c.json",
      reason: "http",
      detail: "500 Internal Server Error",
    });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    expect(await failureOf(loadJson(url("c.json"), "c.json"), "c.json")).toEqual({
      file: "c.json",
      reason: "network",
      detail: "Failed to fetch",
    });
  });
});
