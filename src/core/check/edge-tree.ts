/**
 * Bounding boxes over the edges of a geometry's rings, taken in ring order: level 0 boxes 16
 * consecutive edges, each level above boxes 16 boxes of the one below, up to at most 16 boxes.
 *
 * Why not an R-tree package (flatbush served here before): consecutive edges of a ring are already
 * neighbours in space, so ring order groups them as well as a Hilbert sort would, and the build is
 * one pass with no sort. The queries fill a reusable list instead of calling back or allocating, so
 * the pair tests that run them on every candidate pair stay small loops. On the benchmark's
 * 10 000 × 2 000 the optimising compiler spent more time on the inlined search-and-callback paths
 * than the check phase had to spare (see `npm run bench`).
 */
export type EdgeTree = {
  /** Boxes per level, bottom first: minX, minY, maxX, maxY of each node. */
  levels: Float64Array[];
  /** Edge k runs from vertex k to vertex ends[k]. */
  ends: Int32Array;
};

/** Children per node. */
const NODE = 16;

/** A reusable list of edges (start and end vertex, interleaved), filled by `collectEdges`. */
export type EdgeList = { edges: Int32Array; count: number };

/** An empty edge list. */
export function edgeList(): EdgeList {
  return { edges: new Int32Array(256), count: 0 };
}

export function pushEdge(list: EdgeList, i: number, j: number): void {
  const n = list.count;
  if (2 * n + 2 > list.edges.length) {
    const grown = new Int32Array(2 * list.edges.length);
    grown.set(list.edges);
    list.edges = grown;
  }
  list.edges[2 * n] = i;
  list.edges[2 * n + 1] = j;
  list.count = n + 1;
}

/** Builds the tree over the edges of `coords` (x0, y0, x1, …), edge k ending at vertex ends[k]. */
export function buildEdgeTree(coords: Float64Array, ends: Int32Array): EdgeTree {
  const levels: Float64Array[] = [];
  const edges = ends.length;
  let boxes = new Float64Array(4 * Math.ceil(edges / NODE));
  for (let k = 0; k < edges; k++) {
    const j = ends[k] as number;
    const x1 = coords[2 * k] as number;
    const y1 = coords[2 * k + 1] as number;
    const x2 = coords[2 * j] as number;
    const y2 = coords[2 * j + 1] as number;
    grow(boxes, (k / NODE) | 0, k % NODE === 0, x1, y1, x2, y2);
  }
  levels.push(boxes);
  while (boxes.length / 4 > NODE) {
    const below = boxes;
    const count = below.length / 4;
    boxes = new Float64Array(4 * Math.ceil(count / NODE));
    for (let b = 0; b < count; b++) {
      const at = 4 * b;
      grow(
        boxes,
        (b / NODE) | 0,
        b % NODE === 0,
        below[at] as number,
        below[at + 1] as number,
        below[at + 2] as number,
        below[at + 3] as number,
      );
    }
    levels.push(boxes);
  }
  return { levels, ends };
}

/** Sets (first child) or widens node `b` of `boxes` to cover the box spanned by two corners. */
function grow(
  boxes: Float64Array,
  b: number,
  first: boolean,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): void {
  const at = 4 * b;
  const minX = Math.min(x1, x2);
  const minY = Math.min(y1, y2);
  const maxX = Math.max(x1, x2);
  const maxY = Math.max(y1, y2);
  if (first) {
    boxes[at] = minX;
    boxes[at + 1] = minY;
    boxes[at + 2] = maxX;
    boxes[at + 3] = maxY;
    return;
  }
  if (minX < (boxes[at] as number)) boxes[at] = minX;
  if (minY < (boxes[at + 1] as number)) boxes[at + 1] = minY;
  if (maxX > (boxes[at + 2] as number)) boxes[at + 2] = maxX;
  if (maxY > (boxes[at + 3] as number)) boxes[at + 3] = maxY;
}

/**
 * Appends to `out` the edges whose bounding box meets [minX, minY, maxX, maxY] (touching counts),
 * in ring order.
 */
export function collectEdges(
  tree: EdgeTree,
  coords: Float64Array,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  out: EdgeList,
): void {
  const top = tree.levels.length - 1;
  collectNodes(
    tree,
    coords,
    top,
    0,
    (tree.levels[top] as Float64Array).length / 4,
    minX,
    minY,
    maxX,
    maxY,
    out,
  );
}

function collectNodes(
  tree: EdgeTree,
  coords: Float64Array,
  level: number,
  from: number,
  to: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  out: EdgeList,
): void {
  const boxes = tree.levels[level] as Float64Array;
  for (let b = from; b < to; b++) {
    const at = 4 * b;
    if (
      (boxes[at] as number) > maxX ||
      (boxes[at + 1] as number) > maxY ||
      (boxes[at + 2] as number) < minX ||
      (boxes[at + 3] as number) < minY
    ) {
      continue;
    }
    const first = b * NODE;
    if (level > 0) {
      const below = (tree.levels[level - 1] as Float64Array).length / 4;
      collectNodes(
        tree,
        coords,
        level - 1,
        first,
        Math.min(first + NODE, below),
        minX,
        minY,
        maxX,
        maxY,
        out,
      );
      continue;
    }
    const last = Math.min(first + NODE, tree.ends.length);
    for (let k = first; k < last; k++) {
      const j = tree.ends[k] as number;
      // the box test written out, not called (see gatherEdges in prepared-geometry.ts)
      const x1 = coords[2 * k] as number;
      const x2 = coords[2 * j] as number;
      if (Math.max(x1, x2) < minX || Math.min(x1, x2) > maxX) continue;
      const y1 = coords[2 * k + 1] as number;
      const y2 = coords[2 * j + 1] as number;
      if (Math.max(y1, y2) < minY || Math.min(y1, y2) > maxY) continue;
      pushEdge(out, k, j);
    }
  }
}
