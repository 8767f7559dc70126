import { fstatSync, readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { ByteSource } from "../io/stream/byte-source";

/** Bytes of one cached block: a multiple of 8, so views keep the file's alignment. */
const BLOCK_BYTES = 1 << 20;

/** Blocks kept: a pass in file order reads each block once; random reads near it hit the cache. */
const BLOCKS_KEPT = 32;

/** Reads `length` bytes at `offset` of `fd` into a fresh (8-aligned) buffer. */
function readAt(fd: number, offset: number, length: number, into?: Uint8Array): Uint8Array {
  const bytes = into ?? new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, bytes, filled, length - filled, offset + filled);
    if (read === 0) break;
    filled += read;
  }
  return bytes.subarray(0, filled);
}

/**
 * A {@link ByteSource} over an open file descriptor: positioned synchronous reads through a small
 * cache of 1 MiB blocks (32 MiB at most), so memory stays bounded whatever the file's size. Reads
 * in order (or near the last one) go through the blocks, a view into one; a read far from the last
 * one, or across blocks, gets its own buffer of just its bytes, placed at the file's alignment
 * modulo 8. The file stays the caller's to close, once the source is no longer used.
 */
export function fileByteSource(file: FileHandle): ByteSource {
  // every read goes through the handle, so the source holds it: a FileHandle no longer referenced
  // is closed by the garbage collector
  const size = fstatSync(file.fd).size;
  const blocks = new Map<number, Uint8Array>();
  let lastEnd = 0;
  /** Bytes [offset, end) in a buffer of their own, placed at the file's alignment modulo 8. */
  const readAligned = (offset: number, end: number) => {
    const shift = offset % 8;
    const bytes = new Uint8Array(shift + end - offset);
    return readAt(file.fd, offset, end - offset, bytes.subarray(shift));
  };
  // the block read last: most reads in file order land in it again, and need no reordering
  let lastNumber = -1;
  let lastBlock: Uint8Array = new Uint8Array(0);
  const block = (number: number): Uint8Array => {
    if (number === lastNumber) return lastBlock;
    let bytes = blocks.get(number);
    if (bytes) {
      // most recently used last
      blocks.delete(number);
      blocks.set(number, bytes);
      lastNumber = number;
      lastBlock = bytes;
      return bytes;
    }
    bytes = readAt(
      file.fd,
      number * BLOCK_BYTES,
      Math.min(BLOCK_BYTES, size - number * BLOCK_BYTES),
    );
    if (blocks.size >= BLOCKS_KEPT) blocks.delete(blocks.keys().next().value as number);
    blocks.set(number, bytes);
    lastNumber = number;
    lastBlock = bytes;
    return bytes;
  };
  return {
    size,
    read(offset, length) {
      const end = Math.min(size, offset + Math.max(0, length));
      if (offset >= end) return new Uint8Array(0);
      const first = Math.floor(offset / BLOCK_BYTES);
      const near = Math.abs(offset - lastEnd) <= BLOCK_BYTES;
      lastEnd = end;
      // far from the last read and not cached: only the bytes asked for (a random read of a
      // record must not cost a whole block)
      if (!near && !blocks.has(first)) return readAligned(offset, end);
      if (Math.floor((end - 1) / BLOCK_BYTES) === first) {
        return block(first).subarray(offset - first * BLOCK_BYTES, end - first * BLOCK_BYTES);
      }
      return readAligned(offset, end);
    },
  };
}
