/**
 * Random access to the bytes of a file too large to hold: what the streaming readers read through.
 * Synchronous, because the check asks for a feature's geometry in the middle of its synchronous
 * loop; the Node glue (`src/node/file-byte-source.ts`) reads with positioned reads and keeps a few
 * blocks, so a pass over the file in order reads each block once.
 */
export type ByteSource = {
  /** Bytes in the file. */
  readonly size: number;
  /**
   * `length` bytes from `offset` (fewer at the end of the file). The view starts at the same
   * address modulo 8 as the byte in the file, so FlatGeobuf coordinates (float64, 8-aligned in the
   * file) can be viewed in place. May be a view into a cache: read it before the next call.
   */
  read(offset: number, length: number): Uint8Array;
};

/** A source over bytes already in memory (tests, and files small enough to read whole). */
export function memoryByteSource(bytes: Uint8Array): ByteSource {
  // keep the file's alignment: a Node Buffer from a pool may start anywhere
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  return {
    size: aligned.length,
    read: (offset, length) =>
      aligned.subarray(offset, Math.min(aligned.length, offset + Math.max(0, length))),
  };
}
