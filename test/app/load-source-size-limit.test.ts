import { afterEach, describe, expect, it, vi } from "vitest";
import { loadFeatureCollection } from "../../src/app/load-layer-file";
import { loadJson, toLoadFailure } from "../../src/app/load-source";
import { BROWSER_MAX_FGB_BYTES } from "../../src/io/fgb-limits";

/**
 * Huge layers in the app: before, the whole response was read into memory before any size check
 * (JSON refused only afterwards, at 512 MiB; FlatGeobuf never), so an endless body froze the page
 * and a large one could kill the tab. Bodies here are endless streams of one 1 MiB buffer handed
 * out again and again, made as they are read: reaching the real limits costs no memory.
 */

const MIB = 2 ** 20;
/** A hang guard: each case reads a few hundred chunks; before, an endless body never ended. */
const HANG_GUARD = 30_000;

/** Every fetch answers with an endless body, with `headers`; `state` counts the chunks read. */
function serveEndless(headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(MIB).fill(0x20);
  const state = { pulls: 0, cancelled: false };
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                state.pulls++;
                controller.enqueue(chunk);
              },
              cancel() {
                state.cancelled = true;
              },
            },
            { highWaterMark: 0 },
          ),
          { headers: { "content-type": "application/octet-stream", ...headers } },
        ),
    ),
  );
  return state;
}

const url = (name: string) => new URL(name, "http://127.0.0.1/layers/catalog.json");

async function failure(load: () => Promise<unknown>, file: string) {
  try {
    await load();
  } catch (error) {
    return toLoadFailure(error, file);
  }
  throw new Error(`expected ${file} to fail`);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the app reads a layer as a stream under a size limit: too-large, early, in both languages", () => {
  it(
    "FlatGeobuf: an endless body stops at 256 MiB (a tab's heap, 6 bytes per byte decoded)",
    async () => {
      expect(BROWSER_MAX_FGB_BYTES).toBe(256 * MIB);
      const state = serveEndless();
      const f = await failure(
        () => loadFeatureCollection(url("huge.fgb"), "huge.fgb", "polygon"),
        "huge.fgb",
      );
      expect(f).toEqual({
        file: "huge.fgb",
        reason: "too-large",
        detail:
          "the file is over the 256.0 MiB limit (its download was stopped there); split the layer into several files or simplify its geometry",
        message: {
          vi: "tệp vượt giới hạn 256.0 MiB (đã dừng tải ở đó); hãy chia lớp thành nhiều tệp hoặc bớt đỉnh (đơn giản hóa hình)",
          en: "the file is over the 256.0 MiB limit (its download was stopped there); split the layer into several files or simplify its geometry",
        },
      });
      expect(state).toEqual({ pulls: 257, cancelled: true });
    },
    HANG_GUARD,
  );

  it(
    "FlatGeobuf: a Content-Length over the limit is refused before the body is read",
    async () => {
      const state = serveEndless({ "content-length": String(300 * MIB) });
      const f = await failure(
        () => loadFeatureCollection(url("big.fgb"), "big.fgb", "polygon"),
        "big.fgb",
      );
      expect(f).toMatchObject({
        reason: "too-large",
        message: {
          vi: "tệp nặng 300.0 MiB, vượt giới hạn 256.0 MiB; hãy chia lớp thành nhiều tệp hoặc bớt đỉnh (đơn giản hóa hình)",
          en: "the file is 300.0 MiB, over the 256.0 MiB limit; split the layer into several files or simplify its geometry",
        },
      });
      expect(state).toEqual({ pulls: 0, cancelled: true });
    },
    HANG_GUARD,
  );

  it(
    "GeoJSON: an endless body stops at the JSON limit, with the advice to convert it",
    async () => {
      const state = serveEndless();
      const f = await failure(
        () => loadFeatureCollection(url("huge.geojson"), "huge.geojson", "polygon"),
        "huge.geojson",
      );
      expect(f).toMatchObject({
        reason: "too-large",
        message: {
          en: "the file is over the 512.0 MiB limit (its download was stopped there); convert the layer to FlatGeobuf (.fgb), e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.geojson",
        },
      });
      expect(state).toEqual({ pulls: 512, cancelled: true });
    },
    HANG_GUARD,
  );

  it(
    "any JSON file (a catalogue): a Content-Length over the limit, refused at once",
    async () => {
      const state = serveEndless({ "content-length": String(600 * MIB) });
      const f = await failure(() => loadJson(url("catalog.json"), "catalog.json"), "catalog.json");
      expect(f).toMatchObject({
        reason: "too-large",
        message: {
          vi: "tệp nặng 600.0 MiB, vượt giới hạn 512.0 MiB; hãy chia nhỏ tệp",
          en: "the file is 600.0 MiB, over the 512.0 MiB limit; split the file",
        },
      });
      expect(state.pulls).toBe(0);
    },
    HANG_GUARD,
  );
});
