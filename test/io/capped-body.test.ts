import { describe, expect, it } from "vitest";
import { readCappedBody } from "../../src/io/capped-body";

/**
 * A body of `chunks` chunks of `size` bytes each (the same buffer over and over, so a huge body
 * costs no memory), made only when read; `pulls` counts the chunks handed out, `cancelled` whether
 * the reader gave up on the rest.
 */
function lazyBody(size: number, chunks = Number.POSITIVE_INFINITY) {
  const chunk = new Uint8Array(size).fill(0x20);
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulls >= chunks) {
          controller.close();
          return;
        }
        state.pulls++;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe("readCappedBody: a download read under a size limit", () => {
  it("reads a body under the limit whole, chunks joined in order", async () => {
    const parts = ["[1,", "2,", "3]"].map((text) => new TextEncoder().encode(text));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
    const body = await readCappedBody(new Response(stream), 100);
    expect(body.ok && new TextDecoder().decode(body.bytes)).toBe("[1,2,3]");
    expect(await readCappedBody(new Response(null), 100)).toEqual({
      ok: true,
      bytes: new Uint8Array(0),
    });
  });

  it("refuses a Content-Length over the limit before reading a byte", async () => {
    const { stream, state } = lazyBody(1024);
    const response = new Response(stream, { headers: { "content-length": String(600 * 2 ** 20) } });
    expect(await readCappedBody(response, 512 * 2 ** 20)).toEqual({
      ok: false,
      size: 600 * 2 ** 20,
    });
    expect(state).toEqual({ pulls: 0, cancelled: true });
  });

  it("stops an endless body as soon as it passes the limit, and cancels it", async () => {
    const { stream, state } = lazyBody(2 ** 20);
    expect(await readCappedBody(new Response(stream), 512 * 2 ** 20)).toEqual({
      ok: false,
      size: null,
    });
    // 512 chunks of 1 MiB fit; the 513th passes the limit.
    expect(state).toEqual({ pulls: 513, cancelled: true });
  });

  it("counts the bytes, not the header: a body longer than declared, or compressed", async () => {
    const longer = lazyBody(1000);
    const declaredSmall = new Response(longer.stream, { headers: { "content-length": "10" } });
    expect(await readCappedBody(declaredSmall, 10_000)).toEqual({ ok: false, size: null });
    expect(longer.state.pulls).toBe(11);
    // Under a Content-Encoding the header counts compressed bytes: it says nothing of the body.
    const gzip = lazyBody(10, 3);
    const compressed = new Response(gzip.stream, {
      headers: { "content-length": "999999", "content-encoding": "gzip" },
    });
    const body = await readCappedBody(compressed, 100);
    expect(body.ok && body.bytes.length).toBe(30);
  });
});
