import Flatbush from "flatbush";
import { NODE_ITEM_BYTE_LEN } from "flatgeobuf/lib/mjs/packedrtree.js";
import { corrupt } from "./fgb-error";
import type { Envelope } from "./fgb-header";

/** Bytes of one R-tree node: four float64 bounds and a uint64 offset. */
export const NODE_BYTES = NODE_ITEM_BYTE_LEN;

/**
 * The [start, end) node ranges of each level of a packed R-tree over `count` items, from the leaves
 * (index 0) up to the root, nodes numbered root first. Unlike flatgeobuf's `generateLevelBounds`
 * and `calcTreeSize`, whose loop never ends for 0 items (the hang of a header claiming 0 features),
 * the arguments are checked first; the loop then runs at most log2(count) + 1 times.
 *
 * @throws RangeError unless count is a positive safe integer and nodeSize at least 2
 */
export function packedTreeLevels(count: number, nodeSize: number): [number, number][] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`bad item count ${count}`);
  if (!Number.isInteger(nodeSize) || nodeSize < 2)
    throw new RangeError(`bad node size ${nodeSize}`);
  // As the reference implementations do, there is always a level above the leaves, even for one.
  const sizes = [count];
  let n = count;
  do {
    n = Math.ceil(n / nodeSize);
    sizes.push(n);
  } while (n > 1);
  let total = sizes.reduce((sum, n) => sum + n, 0);
  return sizes.map((n) => {
    total -= n;
    return [total, total + n];
  });
}

/** Size in bytes of the packed R-tree over `count` items ({@link packedTreeLevels}). */
export function packedTreeBytes(count: number, nodeSize: number): number {
  const levels = packedTreeLevels(count, nodeSize);
  return (levels[0] as [number, number])[1] * NODE_BYTES;
}

/**
 * Order in which to store items so that neighbours on the map sit together in the file: by the
 * Hilbert value of their bbox centres, as FlatGeobuf's reference writers do. Flatbush computes the
 * same packed Hilbert R-tree order; its sorted leaf order is read back from the index it builds.
 *
 * @returns item indices, in storage order
 */
export function hilbertOrder(boxes: readonly Envelope[], nodeSize: number): number[] {
  if (boxes.length === 0) return [];
  const index = new Flatbush(boxes.length, nodeSize);
  for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
  index.finish();
  const order = Array.from(index._indices.subarray(0, boxes.length));
  const seen = new Set(order);
  if (seen.size !== boxes.length || order.some((i) => i < 0 || i >= boxes.length)) {
    throw new Error("flatbush did not return a permutation of the items");
  }
  return order;
}

/** Smallest envelope holding every box. */
export function unionEnvelope(boxes: readonly Envelope[]): Envelope {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const box of boxes) {
    minX = Math.min(minX, box[0]);
    minY = Math.min(minY, box[1]);
    maxX = Math.max(maxX, box[2]);
    maxY = Math.max(maxY, box[3]);
  }
  return [minX, minY, maxX, maxY];
}

/**
 * The FlatGeobuf packed R-tree, as bytes. Nodes are laid out top-down (root first, leaves last),
 * each 40 bytes: minX, minY, maxX, maxY as float64 then a uint64 offset — for a leaf, the byte
 * offset of its feature from the start of the feature section; for an inner node, the index of its
 * first child node. Parents cover runs of `nodeSize` consecutive children.
 *
 * @param leaves - feature boxes, already in storage (Hilbert) order
 * @param featureOffsets - byte offset of each of those features in the feature section
 */
export function buildPackedRTree(
  leaves: readonly Envelope[],
  featureOffsets: readonly number[],
  nodeSize: number,
): Uint8Array {
  if (leaves.length !== featureOffsets.length) {
    throw new Error("one feature offset per leaf is needed");
  }
  const levels = packedTreeLevels(leaves.length, nodeSize);
  const root = levels[levels.length - 1];
  const leafLevel = levels[0];
  if (!root || !leafLevel) throw new Error("empty tree");
  const nodeCount = leafLevel[1];
  const boxes: Envelope[] = new Array(nodeCount);
  const offsets: number[] = new Array(nodeCount);
  leaves.forEach((box, i) => {
    boxes[leafLevel[0] + i] = box;
    offsets[leafLevel[0] + i] = featureOffsets[i] as number;
  });
  for (let level = 1; level < levels.length; level++) {
    const [start, end] = levels[level] as [number, number];
    const [childStart, childEnd] = levels[level - 1] as [number, number];
    for (let node = start; node < end; node++) {
      const firstChild = childStart + (node - start) * nodeSize;
      const lastChild = Math.min(firstChild + nodeSize, childEnd);
      boxes[node] = unionEnvelope(boxes.slice(firstChild, lastChild));
      offsets[node] = firstChild;
    }
  }
  const bytes = new Uint8Array(nodeCount * NODE_ITEM_BYTE_LEN);
  const view = new DataView(bytes.buffer);
  for (let node = 0; node < nodeCount; node++) {
    const at = node * NODE_ITEM_BYTE_LEN;
    const box = boxes[node] as Envelope;
    view.setFloat64(at, box[0], true);
    view.setFloat64(at + 8, box[1], true);
    view.setFloat64(at + 16, box[2], true);
    view.setFloat64(at + 24, box[3], true);
    view.setBigUint64(at + 32, BigInt(offsets[node] as number), true);
  }
  return bytes;
}

/** A query box in the file's CRS. */
export type Rect = { minX: number; minY: number; maxX: number; maxY: number };

/**
 * Offsets (from the start of the feature section) of the features whose box meets `rect`, found
 * through a packed R-tree already known to fit in `tree`. Every inner node must point at the first
 * of its own children, as in a packed tree, so a corrupt index cannot send the search in circles
 * or outside the tree.
 *
 * @throws FgbFormatError when a node does not point where a packed tree's node must
 */
export function searchPackedTree(
  tree: Uint8Array,
  count: number,
  nodeSize: number,
  rect: Rect,
): number[] {
  const levels = packedTreeLevels(count, nodeSize);
  const view = new DataView(tree.buffer, tree.byteOffset, tree.byteLength);
  const found: number[] = [];
  const stack: { node: number; level: number }[] = [{ node: 0, level: levels.length - 1 }];
  while (stack.length > 0) {
    const { node, level } = stack.pop() as { node: number; level: number };
    const at = node * NODE_BYTES;
    if (
      view.getFloat64(at, true) > rect.maxX ||
      view.getFloat64(at + 8, true) > rect.maxY ||
      view.getFloat64(at + 16, true) < rect.minX ||
      view.getFloat64(at + 24, true) < rect.minY
    ) {
      continue;
    }
    const offset = view.getBigUint64(at + 32, true);
    if (level === 0) {
      found.push(Number(offset));
      continue;
    }
    const [start] = levels[level] as [number, number];
    const [childStart, childEnd] = levels[level - 1] as [number, number];
    const firstChild = childStart + (node - start) * nodeSize;
    if (offset !== BigInt(firstChild)) {
      corrupt(
        `chỉ mục không gian hỏng: nút ${node} trỏ tới nút ${offset}, cần ${firstChild}`,
        `the spatial index is corrupt: node ${node} points at node ${offset} instead of ${firstChild}`,
      );
    }
    for (let child = Math.min(firstChild + nodeSize, childEnd) - 1; child >= firstChild; child--) {
      stack.push({ node: child, level: level - 1 });
    }
  }
  return found;
}
