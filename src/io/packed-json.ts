/**
 * JSON values kept as their UTF-8 text in one buffer, value i at `bytes[ranges[2i], ranges[2i+1])`:
 * how a long list of geometries crosses from a worker to the page (two buffers, transferred, not
 * tens of thousands of nested arrays cloned one by one on the page's thread) and stays there until
 * one is read (`packedJsonAt`). As `PackedCollection` keeps a layer's features.
 */
export type PackedJson = { bytes: Uint8Array; ranges: Uint32Array };

/**
 * A growing UTF-8 buffer: texts written one after another (no second copy of the whole text as a
 * string), each write's byte range returned. What {@link packJson} and `packCollection` write into.
 */
export function utf8Buffer() {
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(1 << 16);
  let length = 0;
  return {
    /** Appends `text`; its bytes are `[start, end)`. */
    write(text: string): [number, number] {
      // UTF-8 takes at most 3 bytes per UTF-16 unit
      const needed = length + 3 * text.length;
      if (needed > bytes.length) {
        const grown = new Uint8Array(Math.max(needed, 2 * bytes.length));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      const start = length;
      length += encoder.encodeInto(text, bytes.subarray(length)).written;
      return [start, length];
    },
    /** The bytes written: a copy of the used part (the spare capacity would travel along). */
    bytes: () => bytes.slice(0, length),
  };
}

/** Packs `values` (each JSON-safe: what `JSON.stringify` keeps is what comes back). */
export function packJson(values: readonly unknown[]): PackedJson {
  const buffer = utf8Buffer();
  const ranges = new Uint32Array(2 * values.length);
  values.forEach((value, i) => {
    const [start, end] = buffer.write(JSON.stringify(value) ?? "null");
    ranges[2 * i] = start;
    ranges[2 * i + 1] = end;
  });
  return { bytes: buffer.bytes(), ranges };
}

const decoder = new TextDecoder();

/** Value `index`, parsed from its bytes (a new object each call); undefined when out of range. */
export function packedJsonAt(packed: PackedJson, index: number): unknown {
  if (!Number.isInteger(index) || index < 0 || 2 * index + 1 >= packed.ranges.length)
    return undefined;
  const start = packed.ranges[2 * index] as number;
  const end = packed.ranges[2 * index + 1] as number;
  return JSON.parse(decoder.decode(packed.bytes.subarray(start, end)));
}

/**
 * The buffers to transfer with a message carrying `packed` (a `PackedCollection` too: the same
 * bytes and ranges); the sender loses them.
 */
export const packedJsonTransfer = (packed: PackedJson): ArrayBuffer[] => [
  packed.bytes.buffer as ArrayBuffer,
  packed.ranges.buffer as ArrayBuffer,
];
