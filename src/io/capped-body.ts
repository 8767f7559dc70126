import { concatBytes } from "./concat-bytes";

/**
 * A response body read whole, or refused for its size: `size` is the size the server declared
 * (Content-Length), or null when the body passed the limit while it was read.
 */
export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; size: number | null };

/**
 * The size a response declares for its body, when it is the size of the bytes the reader gets:
 * not under a Content-Encoding (the header then counts the compressed bytes).
 */
function declaredSize(response: Response): number | null {
  const encoding = response.headers.get("content-encoding");
  if (encoding && encoding.trim().toLowerCase() !== "identity") return null;
  const length = response.headers.get("content-length");
  if (length === null || !/^\s*\d+\s*$/.test(length)) return null;
  return Number(length);
}

/**
 * Reads a fetched body, at most `maxBytes` of it — the one way the app and the data step read a
 * download. `arrayBuffer()` holds the whole body, whatever its size, until it ends or a timeout
 * fires; here a declared size over the limit is refused before a byte is read, and a body that
 * grows past it (no Content-Length, or a wrong one; an endless stream) is cancelled as soon as it
 * does, so a huge file fails early with its size instead of filling memory.
 *
 * @throws what reading the stream throws (a network error, an abort)
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<CappedBody> {
  const declared = declaredSize(response);
  if (declared !== null && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, size: declared };
  }
  if (!response.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, size: null };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: concatBytes(chunks, total) };
}
