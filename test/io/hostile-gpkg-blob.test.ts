import { describe, expect, it } from "vitest";
import { readGeometryBlob } from "../../src/io/gpkg/geometry-blob";

/** A GeoPackage geometry blob whose header lies about its envelope (issue 7, hostile input). */

/** "GP", version 0, `flags`, SRS id 4326, a 4-double envelope, then a WKB point (105.8, 21). */
function blob(flags: number): Uint8Array {
  const bytes = new Uint8Array(8 + 32 + 21);
  const view = new DataView(bytes.buffer);
  bytes.set([0x47, 0x50, 0, flags]);
  view.setInt32(4, 4326, true);
  for (const [i, v] of [105.8, 105.8, 21, 21].entries()) view.setFloat64(8 + i * 8, v, true);
  bytes[40] = 1; // little-endian WKB
  view.setUint32(41, 1, true); // Point
  view.setFloat64(45, 105.8, true);
  view.setFloat64(53, 21, true);
  return bytes;
}

describe("readGeometryBlob: an envelope that lies", () => {
  it("the envelope its header declares (kind 1, 32 bytes): the point is read", () => {
    expect(readGeometryBlob(blob(1 | (1 << 1)))).toEqual({
      ok: true,
      geometry: { type: "Point", coordinates: [105.8, 21] },
    });
  });

  it("a header claiming a 64-byte envelope: the error says where the WKB was read from", () => {
    const r = readGeometryBlob(blob(1 | (4 << 1)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // the old message was the WKB reader's alone, e.g. "invalid byte order 225"
    expect(r.problem.en).toContain(
      "the geometry was read after the 64-byte envelope its header declares",
    );
  });

  it("an envelope kind the standard does not define (7): refused as such", () => {
    const r = readGeometryBlob(blob(1 | (7 << 1)));
    expect(r).toMatchObject({
      ok: false,
      problem: { en: "the geometry header declares an invalid envelope" },
    });
  });
});
