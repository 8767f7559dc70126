import type { Bilingual } from "../core/validate/validation-issue";

/**
 * Heap taken by a FlatGeobuf layer once decoded into GeoJSON objects, per byte of file: 4 to 5
 * measured (a 4.4 MiB file of 10 000 zones grows the heap by 18 MiB); 6 leaves the check room.
 */
export const HEAP_PER_FGB_BYTE = 6;

/** Largest FlatGeobuf layer read anywhere, whatever the heap. */
const MAX_FGB_BYTES = 2 ** 30;

/**
 * Largest FlatGeobuf layer a JavaScript heap of `heapBytes` can hold once decoded, never more than
 * 1 GiB: beyond it the reader would die of an out-of-memory error (Node) or kill the tab.
 */
export const fgbBytesForHeap = (heapBytes: number) =>
  Math.min(MAX_FGB_BYTES, Math.floor(heapBytes / HEAP_PER_FGB_BYTE));

/**
 * Heap the app counts on for one layer's objects. A page cannot ask for its heap limit (Chrome's
 * `performance.memory` is non-standard and rounded): a tab's V8 heap is at most 4 GiB (pointer
 * compression), commonly 2 to 4 GiB, shared with the map, the other layers and the check. 1.5 GiB
 * leaves them the rest.
 */
const BROWSER_LAYER_HEAP_BYTES = 1.5 * 2 ** 30;

/** Largest FlatGeobuf layer the app reads: 256 MiB (1.5 GiB of heap at 6 bytes per byte). */
export const BROWSER_MAX_FGB_BYTES = fgbBytesForHeap(BROWSER_LAYER_HEAP_BYTES);

/** What to do with a FlatGeobuf layer over the limit, in the app and the CLI. */
export const FGB_TOO_LARGE_ADVICE: Bilingual = {
  vi: "hãy chia lớp thành nhiều tệp hoặc bớt đỉnh (đơn giản hóa hình)",
  en: "split the layer into several files or simplify its geometry",
};
