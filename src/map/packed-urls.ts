import type { PackedLayer } from "../io/packed-collection";

/**
 * Blob URLs of packed layers, one per map source: MapLibre's worker fetches the GeoJSON bytes
 * from the URL and parses them there, so a large layer reaches the map without its features ever
 * being objects on the page's thread (handing MapLibre a FeatureCollection structured-clones it
 * on this thread: seconds for 100 000 zones). A source's URL is revoked when it gets another or
 * goes.
 */
export class PackedUrls {
  private readonly urls = new Map<string, { packed: PackedLayer; url: string }>();

  /** The URL of `packed` for `sourceId` (the same while the data is the same). */
  urlFor(sourceId: string, packed: PackedLayer): string {
    const known = this.urls.get(sourceId);
    if (known?.packed === packed) return known.url;
    this.revoke(sourceId);
    // the blob the import worker made: a handle, no copy of the bytes
    const url = URL.createObjectURL(packed.blob);
    this.urls.set(sourceId, { packed, url });
    return url;
  }

  /** Frees the URL of a source that went or now has parsed data. */
  revoke(sourceId: string): void {
    const known = this.urls.get(sourceId);
    if (!known) return;
    URL.revokeObjectURL(known.url);
    this.urls.delete(sourceId);
  }

  /** Frees every URL (the map is destroyed). */
  revokeAll(): void {
    for (const id of [...this.urls.keys()]) this.revoke(id);
  }
}
