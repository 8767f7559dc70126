import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_FROM_BYTES, willStream } from "../../src/node/streamed-layer";

/*
 * `willStream` tells, before a file is read, whether the check will stream it (and so check on
 * every core with --workers auto): FlatGeobuf by its magic bytes, newline-delimited GeoJSON by its
 * name, from 64 MiB or with --window. Large files are sparse: no disk is written.
 */
let dir = "";
const FGB_MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00];

/** A file of `size` bytes starting with `head` (the rest a hole). */
function sparse(name: string, size: number, head: number[] = []): string {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  writeSync(fd, Uint8Array.from(head));
  closeSync(fd);
  execFileSync("truncate", ["-s", String(size), path]);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-will-stream-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("willStream", () => {
  it("streams FlatGeobuf and newline-delimited GeoJSON from 64 MiB, any size with --window", async () => {
    const bigFgb = sparse("big.fgb", STREAM_FROM_BYTES, FGB_MAGIC);
    const smallFgb = sparse("small.fgb", 1024, FGB_MAGIC);
    const bigLines = sparse("big.ndjson", STREAM_FROM_BYTES);
    expect(await willStream(bigFgb, null)).toBe(true);
    expect(await willStream(bigLines, null)).toBe(true);
    expect(await willStream(smallFgb, null)).toBe(false);
    expect(await willStream(sparse("just-under.fgb", STREAM_FROM_BYTES - 1, FGB_MAGIC), null)).toBe(
      false,
    );
    expect(await willStream(smallFgb, 16)).toBe(true);
    // a FlatGeobuf is known by its bytes, not its name
    expect(await willStream(sparse("fgb-named.geojson", 1024, FGB_MAGIC), 16)).toBe(true);
  });

  it("reads any other format whole, and says no for what cannot be read", async () => {
    expect(await willStream(sparse("big.geojson", STREAM_FROM_BYTES), null)).toBe(false);
    expect(await willStream(sparse("big.fgb.txt", STREAM_FROM_BYTES), 16)).toBe(false);
    expect(await willStream(join(dir, "missing.fgb"), 16)).toBe(false);
    expect(await willStream(dir, 16)).toBe(false);
    const fifo = join(dir, "pipe.ndjson");
    execFileSync("mkfifo", [fifo]);
    // a named pipe is refused when read; telling must not wait for a writer
    expect(await willStream(fifo, 16)).toBe(false);
    writeFileSync(join(dir, "empty.ndjson"), "");
    expect(await willStream(join(dir, "empty.ndjson"), 16)).toBe(true);
  });
});
