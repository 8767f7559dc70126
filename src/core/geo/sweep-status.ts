/**
 * The status of a plane sweep: the edges crossing the sweep line, bottom to top, as a skip list in
 * typed arrays (an R-tree or sorted array would make a sweep over a star of n spokes, of which about
 * n / 2 cross the sweep line at once, quadratic). Nodes are numbered like the edges; an edge owns a
 * node, and two adjacent edges exchange nodes when they swap places at a crossing, so a node never
 * moves and removal by node is O(levels). Levels come from a fixed-seed generator: the same input
 * gives the same work on every run.
 */

/** Levels of the skip list: 4^16 nodes before the top level runs out. */
const MAX_LEVEL = 16;

export class SweepStatus {
  /** Edge at each node (−1: none). */
  readonly edgeOf: Int32Array;
  /** Node owned by each edge. */
  readonly nodeOf: Int32Array;
  /** Whether each edge is in the status. */
  readonly active: Uint8Array;
  /**
   * After `search`, the last node below at each level (the head when none): where `insert` links.
   * Each insertion moves it up to the inserted node, so a run of insertions stacks up in order.
   */
  readonly update = new Int32Array(MAX_LEVEL);
  private readonly head: number;
  private readonly levels: Uint8Array;
  private readonly offset: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private top = 1;

  /** The most edges a sweep can hold; the head node is numbered after them. */
  readonly capacity: number;

  /** An empty status for sweeps of up to `capacity` edges. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.head = capacity;
    this.edgeOf = new Int32Array(capacity + 1).fill(-1);
    this.nodeOf = new Int32Array(capacity);
    this.active = new Uint8Array(capacity);
    this.levels = new Uint8Array(capacity + 1);
    this.offset = new Int32Array(capacity + 2);
    let seed = 0x2545f491;
    let total = 0;
    for (let k = 0; k < capacity; k++) {
      this.nodeOf[k] = k;
      // xorshift32; each further level with probability 1/4
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      let bits = seed >>> 0;
      let level = 1;
      while ((bits & 3) === 0 && level < MAX_LEVEL) {
        level++;
        bits >>>= 2;
      }
      this.levels[k] = level;
      this.offset[k] = total;
      total += level;
    }
    this.levels[capacity] = MAX_LEVEL;
    this.offset[capacity] = total;
    total += MAX_LEVEL;
    this.offset[capacity + 1] = total;
    this.next = new Int32Array(total).fill(-1);
    this.prev = new Int32Array(total).fill(-1);
  }

  /**
   * Empties the status for a sweep of `edges` edges (at most its capacity), numbered from 0,
   * keeping its arrays. Node k keeps its level, so a sweep does the same work in a status made
   * for it and in one reset for it.
   */
  reset(edges: number): void {
    if (edges > this.capacity)
      throw new RangeError(`${edges} edges in a status for ${this.capacity}`);
    const { offset, head } = this;
    this.edgeOf.fill(-1, 0, edges);
    this.edgeOf[head] = -1;
    for (let k = 0; k < edges; k++) this.nodeOf[k] = k;
    this.active.fill(0, 0, edges);
    // the used nodes' links, then the head's
    const used = offset[edges] as number;
    this.next.fill(-1, 0, used);
    this.prev.fill(-1, 0, used);
    const first = offset[head] as number;
    this.next.fill(-1, first, first + MAX_LEVEL);
    this.prev.fill(-1, first, first + MAX_LEVEL);
    this.top = 1;
  }

  /** The bottom node (−1: empty). */
  first(): number {
    return this.next[this.offset[this.head] as number] as number;
  }

  /** The node above `node` (−1: none). */
  above(node: number): number {
    return this.next[this.offset[node] as number] as number;
  }

  /** The node below `node` (−1: none). */
  below(node: number): number {
    const p = this.prev[this.offset[node] as number] as number;
    return p === this.head ? -1 : p;
  }

  /**
   * Finds where the edges for which `isBelow` holds end (they must come first, bottom up) and fills
   * `update`; returns the topmost such node, or −1.
   */
  search(isBelow: (edge: number) => boolean): number {
    const { next, offset, edgeOf, update } = this;
    let x = this.head;
    for (let l = MAX_LEVEL - 1; l >= 0; l--) {
      if (l < this.top) {
        for (;;) {
          const y = next[(offset[x] as number) + l] as number;
          if (y < 0 || !isBelow(edgeOf[y] as number)) break;
          x = y;
        }
      }
      update[l] = x;
    }
    return x === this.head ? -1 : x;
  }

  /** Puts `edge` (in its node) above the nodes of `update`, and moves `update` up to it. */
  insert(edge: number): void {
    const { next, prev, offset, update } = this;
    const node = this.nodeOf[edge] as number;
    const level = this.levels[node] as number;
    if (level > this.top) this.top = level;
    const base = offset[node] as number;
    for (let l = 0; l < level; l++) {
      const a = update[l] as number;
      const b = next[(offset[a] as number) + l] as number;
      next[base + l] = b;
      prev[base + l] = a;
      next[(offset[a] as number) + l] = node;
      if (b >= 0) prev[(offset[b] as number) + l] = node;
      update[l] = node;
    }
    this.edgeOf[node] = edge;
    this.active[edge] = 1;
  }

  /** Takes `edge` out. */
  remove(edge: number): void {
    const { next, prev, offset } = this;
    const node = this.nodeOf[edge] as number;
    const base = offset[node] as number;
    for (let l = 0; l < (this.levels[node] as number); l++) {
      const a = prev[base + l] as number;
      const b = next[base + l] as number;
      next[(offset[a] as number) + l] = b;
      if (b >= 0) prev[(offset[b] as number) + l] = a;
      next[base + l] = -1;
      prev[base + l] = -1;
    }
    this.edgeOf[node] = -1;
    this.active[edge] = 0;
  }

  /** Puts `edge` in the place of `old` (which ends where `edge` starts). */
  replace(old: number, edge: number): void {
    const node = this.nodeOf[old] as number;
    this.nodeOf[edge] = node;
    this.edgeOf[node] = edge;
    this.active[old] = 0;
    this.active[edge] = 1;
  }

  /** Exchanges the places of two edges (adjacent, at their crossing). */
  swap(a: number, b: number): void {
    const na = this.nodeOf[a] as number;
    const nb = this.nodeOf[b] as number;
    this.nodeOf[a] = nb;
    this.nodeOf[b] = na;
    this.edgeOf[na] = b;
    this.edgeOf[nb] = a;
  }
}
