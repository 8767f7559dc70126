import { createServer, type Server } from "node:http";

/** Protocol-buffer varint. */
function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 127) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const key = (field: number, wire: number) => varint((field << 3) | wire);
const bytes = (field: number, payload: number[]) => [
  ...key(field, 2),
  ...varint(payload.length),
  ...payload,
];
const text = (s: string) => [...new TextEncoder().encode(s)];

/**
 * A Mapbox Vector Tile with one layer `land` holding one square covering the whole tile, with the
 * property name = `name` (the spec's encoding, written out so the test needs no tile library).
 */
export function squareTile(name: string): Uint8Array {
  const extent = 4096;
  const geometry = [
    9, // MoveTo, 1 point
    zigzag(0),
    zigzag(0),
    (3 << 3) | 2, // LineTo, 3 points: right, down, left (clockwise on screen: an outer ring)
    zigzag(extent),
    zigzag(0),
    zigzag(0),
    zigzag(extent),
    zigzag(-extent),
    zigzag(0),
    15, // ClosePath
  ].flatMap(varint);
  const feature = [
    ...key(1, 0),
    ...varint(1),
    ...bytes(2, [0, 0].flatMap(varint)), // tags: key 0 = value 0
    ...key(3, 0),
    ...varint(3), // POLYGON
    ...bytes(4, geometry),
  ];
  const layer = [
    ...key(15, 0),
    ...varint(2),
    ...bytes(1, text("land")),
    ...bytes(2, feature),
    ...bytes(3, text("name")),
    ...bytes(4, bytes(1, text(name))),
    ...key(5, 0),
    ...varint(extent),
  ];
  return new Uint8Array(bytes(3, layer));
}

/**
 * A PMTiles v3 archive (uncompressed) of one vector tile at zoom 0, its metadata naming the
 * `land` layer: the smallest intranet basemap MapLibre can draw from a single file.
 */
export function tinyPmtiles(tile: Uint8Array): Uint8Array {
  const directory = new Uint8Array([1, 0, 1, ...varint(tile.length), 1].flatMap((n) => varint(n)));
  const metadata = new TextEncoder().encode(
    JSON.stringify({ vector_layers: [{ id: "land", fields: { name: "String" } }] }),
  );
  const header = new Uint8Array(127);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode("PMTiles"), 0);
  header[7] = 3;
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadata.length;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, dataOffset); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = 1; // tile type: MVT
  header[100] = 0; // min zoom
  header[101] = 0; // max zoom
  view.setInt32(102, -180e7, true);
  view.setInt32(106, -85e7, true);
  view.setInt32(110, 180e7, true);
  view.setInt32(114, 85e7, true);
  header[118] = 0;
  view.setInt32(119, 105.85e7, true);
  view.setInt32(123, 21.03e7, true);
  const archive = new Uint8Array(dataOffset + tile.length);
  archive.set(header, 0);
  archive.set(directory, rootOffset);
  archive.set(metadata, metadataOffset);
  archive.set(tile, dataOffset);
  return archive;
}

/** A loopback server of fixed files that answers range requests, as an intranet tile host does. */
export type FileServer = { url: string; requests: string[]; close: () => Promise<void> };

export async function serveFiles(
  files: Record<string, { body: Uint8Array; type: string }>,
): Promise<FileServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Headers", "Range, If-Match");
    response.setHeader("Access-Control-Expose-Headers", "Content-Range, Content-Length, ETag");
    if (request.method === "OPTIONS") {
      response.writeHead(204).end();
      return;
    }
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const file = Object.hasOwn(files, path) ? files[path] : undefined;
    const range = request.headers.range;
    requests.push(`${path}${range ? ` ${range}` : ""}`);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      const end = Math.min(
        file.body.length - 1,
        match[2] ? Number(match[2]) : file.body.length - 1,
      );
      response.writeHead(206, {
        "Content-Type": file.type,
        "Content-Range": `bytes ${start}-${end}/${file.body.length}`,
        "Content-Length": end - start + 1,
      });
      response.end(file.body.subarray(start, end + 1));
      return;
    }
    response.writeHead(200, { "Content-Type": file.type, "Content-Length": file.body.length });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
