import Flatbush from "flatbush";
import { generateLevelBounds, NODE_ITEM_BYTE_LEN } from "flatgeobuf/lib/mjs/packedrtree.js";
import type { Envelope } from "./fgb-header";

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
  // generateLevelBounds lists [start, end) node ranges from the leaves (index 0) up to the root.
  const levels = generateLevelBounds(leaves.length, nodeSize);
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
