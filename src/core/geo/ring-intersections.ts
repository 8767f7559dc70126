import type { Position } from "geojson";
import { before, CrossingQueue, INITIAL_CAPACITY } from "./crossing-queue";
import { orient } from "./orientation";
import { PassesAtPoint, sameDirection, turnAt } from "./passes-at-point";
import type { RingTables } from "./ring-tables";
import { SweepStatus } from "./sweep-status";

/** A hole that is not where OGC validity wants it, and its westernmost vertex. */
export type MisplacedHole = { ring: number; at: Position };

/** What `findRingIntersections` found. */
export type RingIntersections = {
  /** Distinct places where rings cross, touch themselves or run along each other. */
  count: number;
  /** The first of those places from west to east, at most the `examples` asked for. */
  points: Position[];
  /**
   * Holes with a vertex outside their own shell (none when rings meet: where a ring lies is not
   * defined then).
   */
  holesOutside: MisplacedHole[];
  /** Holes inside another hole of their part (none when rings meet). */
  nestedHoles: MisplacedHole[];
};

/**
 * Finds where the rings of polygons meet in a way OGC validity forbids, by one plane sweep
 * (Bentley–Ottmann) in O((n + k) log n) time and O(n) memory for n vertices and k crossings:
 * - a ring crossing itself, touching itself (a vertex on another of its own edges, or a vertex
 *   visited twice) or running back along itself (collinear overlapping edges, spikes);
 * - two rings of one part crossing or running along each other (touching at a point is allowed);
 * - two parts crossing each other (touching, even along an edge, is left to the overlap test).
 * Only `examples` places are kept, with the count of all.
 *
 * When nothing meets, the same sweep places every ring: the edge just below a ring's westernmost
 * vertex says whether that vertex lies inside the ring of that edge or in the face around it. That
 * gives holes outside their shell and holes inside other holes, without a point-in-polygon test
 * per hole.
 *
 * Orientation tests are exact (./orientation), so a valid polygon is never reported and the
 * westernmost violation is always found. Crossing points are rounded to doubles; after the first
 * crossing the count may be off by near-coincident crossings, never the verdict.
 */
export function findRingIntersections(
  tables: RingTables,
  options: { examples: number },
): RingIntersections {
  return new RingSweep(tables, options.examples).run();
}

class RingSweep {
  private readonly xy: Float64Array;
  private readonly vertices: number;
  /** Ring of each vertex, and the vertex before and after it along its ring. */
  private readonly ringOf: Int32Array;
  private readonly prevVertex: Int32Array;
  private readonly nextVertex: Int32Array;
  /** Edge e runs from vertex e to nextVertex[e]; its west (left) and east (right) vertex. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly status: SweepStatus;
  /** Per ring: seen yet, counter-clockwise, the ring its westernmost vertex lies in (−1: none). */
  private readonly seen: Uint8Array;
  private readonly ccw: Uint8Array;
  private readonly container: Int32Array;
  private readonly westernmost: Int32Array;
  /** Pending crossings: point and edges (the lower one, then the upper one, west of it). */
  private readonly queue: CrossingQueue;
  /** Where the arrays come from: kept for the next sweep when small. */
  private readonly arrays: SweepArrays;
  /** The point being swept. */
  private px = Number.NEGATIVE_INFINITY;
  private py = Number.NEGATIVE_INFINITY;
  private count = 0;
  /** The last place counted: events are in sweep order, so repeats of a place come together. */
  private lastX = Number.NaN;
  private lastY = Number.NaN;
  private readonly points: Position[] = [];
  /* Scratch lists of one vertex event. */
  private readonly ending: number[];
  private readonly starting: number[];
  private readonly block: number[];
  private readonly passes: PassesAtPoint;
  private readonly isBelowPoint = (edge: number) => this.side(edge, this.px, this.py) > 0;

  constructor(
    private readonly tables: RingTables,
    private readonly examples: number,
  ) {
    const { coords, ringStart } = tables;
    const rings = ringStart.length - 1;
    const n = ringStart[rings] as number;
    this.xy = coords;
    this.vertices = n;
    const arrays = sweepArrays(n);
    this.arrays = arrays;
    this.ringOf = arrays.ringOf;
    this.prevVertex = arrays.prevVertex;
    this.nextVertex = arrays.nextVertex;
    this.left = arrays.left;
    this.right = arrays.right;
    for (let r = 0; r < rings; r++) {
      const s = ringStart[r] as number;
      const e = ringStart[r + 1] as number;
      for (let v = s; v < e; v++) {
        this.ringOf[v] = r;
        this.prevVertex[v] = v > s ? v - 1 : e - 1;
        const w = v + 1 < e ? v + 1 : s;
        this.nextVertex[v] = w;
        const forward = before(
          coords[2 * v] as number,
          coords[2 * v + 1] as number,
          coords[2 * w] as number,
          coords[2 * w + 1] as number,
        );
        this.left[v] = forward ? v : w;
        this.right[v] = forward ? w : v;
      }
    }
    this.status = arrays.status;
    this.status.reset(n);
    // a ring has three vertices at least, so a sweep has fewer rings than vertices
    this.seen = arrays.seen.fill(0, 0, rings);
    this.ccw = arrays.ccw.fill(0, 0, rings);
    this.container = arrays.container.fill(-1, 0, rings);
    this.westernmost = arrays.westernmost.fill(0, 0, rings);
    this.queue = arrays.queue;
    this.queue.size = 0;
    this.ending = arrays.ending;
    this.starting = arrays.starting;
    this.block = arrays.block;
    this.passes = arrays.passes;
  }

  run(): RingIntersections {
    const xy = this.xy;
    const order = this.sortedVertices();
    let i = 0;
    const queue = this.queue;
    while (i < this.vertices || queue.size > 0) {
      if (i < this.vertices) {
        const v = order[i] as number;
        const x = xy[2 * v] as number;
        const y = xy[2 * v + 1] as number;
        // crossings at a vertex's point go first: the vertex then sees the edges in their new order
        if (queue.size === 0 || before(x, y, queue.x, queue.y)) {
          let j = i + 1;
          while (j < this.vertices) {
            const w = order[j] as number;
            if (xy[2 * w] !== x || xy[2 * w + 1] !== y) break;
            j++;
          }
          this.px = x;
          this.py = y;
          if (j - i > 1 || !(this.passThrough(v) || this.turn(v))) this.vertexEvent(order, i, j);
          i = j;
          continue;
        }
      }
      this.crossingEvent();
    }
    const found = { count: this.count, points: this.points, ...this.holes() };
    this.arrays.release();
    return found;
  }

  /** Vertex indices sorted west to east (south to north on a meridian). */
  private sortedVertices(): Int32Array {
    const xy = this.xy;
    const order = this.arrays.order.subarray(0, this.vertices);
    for (let v = 0; v < this.vertices; v++) order[v] = v;
    order.sort(
      (a, b) =>
        (xy[2 * a] as number) - (xy[2 * b] as number) ||
        (xy[2 * a + 1] as number) - (xy[2 * b + 1] as number),
    );
    return order;
  }

  /** Side of (x, y) of edge e's line, west to east: 1 above (left), −1 below, 0 on it. */
  private side(e: number, x: number, y: number): number {
    const a = this.left[e] as number;
    const b = this.right[e] as number;
    const xy = this.xy;
    return orient(
      xy[2 * a] as number,
      xy[2 * a + 1] as number,
      xy[2 * b] as number,
      xy[2 * b + 1] as number,
      x,
      y,
    );
  }

  /**
   * The common vertex: its ring enters from the west and leaves to the east, no other edge passes
   * through it. The leaving edge takes the entering one's place; only its new neighbours can meet
   * it. Returns false (nothing done) when the vertex needs the full event.
   */
  private passThrough(v: number): boolean {
    const incoming = this.prevVertex[v] as number;
    const inEnds = this.right[incoming] === v;
    const outEnds = this.right[v] === v;
    if (inEnds === outEnds) return false;
    const old = inEnds ? incoming : v;
    const edge = inEnds ? v : incoming;
    const status = this.status;
    if (status.active[old] !== 1) return false;
    const node = status.nodeOf[old] as number;
    const low = status.below(node);
    const high = status.above(node);
    const lowEdge = low < 0 ? -1 : (status.edgeOf[low] as number);
    const highEdge = high < 0 ? -1 : (status.edgeOf[high] as number);
    if (lowEdge >= 0 && this.side(lowEdge, this.px, this.py) === 0) return false;
    if (highEdge >= 0 && this.side(highEdge, this.px, this.py) === 0) return false;
    status.replace(old, edge);
    if (lowEdge >= 0) this.check(lowEdge, edge);
    if (highEdge >= 0) this.check(edge, highEdge);
    return true;
  }

  /**
   * The other common vertex: its ring turns back there (both edges start, or both end), no other
   * edge passes through it, and it is not the ring's first. Returns false (nothing done) when the
   * vertex needs the full event.
   */
  private turn(v: number): boolean {
    const a = this.prevVertex[v] as number;
    const b = v;
    const ends = this.right[a] === v;
    if (ends !== (this.right[b] === v) || this.seen[this.ringOf[v] as number] !== 1) return false;
    const status = this.status;
    const { px, py } = this;
    if (ends) {
      // both end here: they are neighbours; what is around them becomes neighbours
      if (status.active[a] !== 1 || status.active[b] !== 1) return false;
      const na = status.nodeOf[a] as number;
      const nb = status.nodeOf[b] as number;
      const lower = status.above(na) === nb ? na : status.above(nb) === na ? nb : -1;
      if (lower < 0) return false;
      const low = status.below(lower);
      const high = status.above(lower === na ? nb : na);
      const lowEdge = low < 0 ? -1 : (status.edgeOf[low] as number);
      const highEdge = high < 0 ? -1 : (status.edgeOf[high] as number);
      if (lowEdge >= 0 && this.side(lowEdge, px, py) === 0) return false;
      if (highEdge >= 0 && this.side(highEdge, px, py) === 0) return false;
      if (sameDirection(this.xy, px, py, this.left[a] as number, this.left[b] as number))
        this.record(px, py);
      status.remove(a);
      status.remove(b);
      if (lowEdge >= 0 && highEdge >= 0) this.check(lowEdge, highEdge);
      return true;
    }
    // both start here: they go in between the edges below and above the point
    const below = status.search(this.isBelowPoint);
    const above = below < 0 ? status.first() : status.above(below);
    const aboveEdge = above < 0 ? -1 : (status.edgeOf[above] as number);
    if (aboveEdge >= 0 && this.side(aboveEdge, px, py) === 0) return false;
    const ra = this.right[a] as number;
    const rb = this.right[b] as number;
    const xy = this.xy;
    const o = turnAt(xy, px, py, ra, rb);
    if (o === 0 && sameDirection(xy, px, py, ra, rb)) this.record(px, py);
    const first = o >= 0 ? a : b;
    const second = o >= 0 ? b : a;
    status.insert(first);
    status.insert(second);
    if (below >= 0) this.check(status.edgeOf[below] as number, first);
    if (aboveEdge >= 0) this.check(second, aboveEdge);
    return true;
  }

  /** The vertices order[i … j − 1], all at (px, py), and the edges through that point. */
  private vertexEvent(order: Int32Array, i: number, j: number): void {
    const { status, ending, starting, block } = this;
    ending.length = 0;
    starting.length = 0;
    block.length = 0;
    for (let k = i; k < j; k++) {
      const v = order[k] as number;
      for (const e of [this.prevVertex[v] as number, v]) {
        if (this.right[e] === v) ending.push(e);
        else starting.push(e);
      }
    }
    // the edges through the point (ending there or passing through) follow the last one below it
    const below = status.search(this.isBelowPoint);
    let node = below < 0 ? status.first() : status.above(below);
    const through: number[] = [];
    while (node >= 0) {
      const e = status.edgeOf[node] as number;
      if (this.side(e, this.px, this.py) !== 0) break;
      through.push(e);
      node = status.above(node);
    }
    const passing = through.filter((e) => !this.endsHere(e));
    this.judge(order, i, j, passing);
    for (const e of through) status.remove(e);
    for (const e of ending) if (status.active[e] === 1) status.remove(e);
    for (const e of passing) block.push(e);
    for (const e of starting) block.push(e);
    this.sortByDirection(block);
    for (const e of block) status.insert(e);
    this.placeNewRings(order, i, j);
    if (block.length > 0) {
      const first = status.nodeOf[block[0] as number] as number;
      const last = status.nodeOf[block[block.length - 1] as number] as number;
      const low = status.below(first);
      const high = status.above(last);
      if (low >= 0) this.check(status.edgeOf[low] as number, block[0] as number);
      if (high >= 0) this.check(block[block.length - 1] as number, status.edgeOf[high] as number);
    } else {
      const low = below;
      const high = low < 0 ? status.first() : status.above(low);
      if (low >= 0 && high >= 0) {
        this.check(status.edgeOf[low] as number, status.edgeOf[high] as number);
      }
    }
  }

  /** Whether edge e ends at the swept point. */
  private endsHere(e: number): boolean {
    const r = this.right[e] as number;
    return this.xy[2 * r] === this.px && this.xy[2 * r + 1] === this.py;
  }

  /** Sorts edges leaving the swept point eastwards, bottom to top (collinear ones by index). */
  private sortByDirection(edges: number[]): void {
    const xy = this.xy;
    const { px, py } = this;
    edges.sort((a, b) => {
      const o = turnAt(xy, px, py, this.right[a] as number, this.right[b] as number);
      return o !== 0 ? -o : a - b;
    });
  }

  /** Whether the rings meet wrongly at the swept point (see `PassesAtPoint.wrong`). */
  private judge(order: Int32Array, i: number, j: number, passing: number[]): void {
    const { passes, ringOf } = this;
    const ringPart = this.tables.ringPart;
    passes.clear();
    for (let k = i; k < j; k++) {
      const v = order[k] as number;
      const r = ringOf[v] as number;
      passes.add(
        r,
        ringPart[r] as number,
        this.prevVertex[v] as number,
        this.nextVertex[v] as number,
      );
    }
    for (const e of passing) {
      const r = ringOf[e] as number;
      passes.add(r, ringPart[r] as number, this.left[e] as number, this.right[e] as number);
    }
    if (passes.wrong(this.xy, this.px, this.py)) this.record(this.px, this.py);
  }

  /**
   * Rings whose westernmost vertex is the swept point: their orientation (the turn there) and the
   * ring they lie in, from the edge just below their lower edge.
   */
  private placeNewRings(order: Int32Array, i: number, j: number): void {
    const { seen, status, block } = this;
    let fresh = false;
    for (let k = i; k < j; k++) {
      const v = order[k] as number;
      const r = this.ringOf[v] as number;
      if (seen[r] === 1) continue;
      seen[r] = 1;
      fresh = true;
      this.westernmost[r] = v;
      // from the westernmost vertex, the next one lies to the right of the previous one when the
      // ring runs counter-clockwise
      const previous = this.prevVertex[v] as number;
      const next = this.nextVertex[v] as number;
      this.ccw[r] = turnAt(this.xy, this.px, this.py, previous, next) < 0 ? 1 : 0;
      // placed below, once every ring starting here has its orientation
      this.container[r] = -2;
    }
    if (!fresh) return;
    // bottom up, so that a ring placed here lies around the ones above it
    for (const e of block) {
      const r = this.ringOf[e] as number;
      if (this.container[r] !== -2) continue;
      const low = status.below(status.nodeOf[e] as number);
      if (low < 0) {
        this.container[r] = -1;
        continue;
      }
      const t = status.edgeOf[low] as number;
      const y = this.ringOf[t] as number;
      // west to east along the ring, a counter-clockwise ring has its inside above the edge
      const forward = this.left[t] === t;
      const insideAbove = forward === (this.ccw[y] === 1);
      this.container[r] = insideAbove ? y : (this.container[y] as number);
    }
  }

  /** Holes outside their shell, and holes inside another hole, once nothing met. */
  private holes(): Pick<RingIntersections, "holesOutside" | "nestedHoles"> {
    const holesOutside: MisplacedHole[] = [];
    const nestedHoles: MisplacedHole[] = [];
    if (this.count > 0) return { holesOutside, nestedHoles };
    const { ringPart, ringIsOuter } = this.tables;
    const rings = ringPart.length;
    const shellOf = new Map<number, number>();
    for (let r = 0; r < rings; r++) if (ringIsOuter[r] === 1) shellOf.set(ringPart[r] as number, r);
    for (let r = 0; r < rings; r++) {
      if (ringIsOuter[r] === 1) continue;
      const c = this.container[r] as number;
      const part = ringPart[r] as number;
      if (c === shellOf.get(part)) continue;
      const v = this.westernmost[r] as number;
      const hole = { ring: r, at: [this.xy[2 * v] as number, this.xy[2 * v + 1] as number] };
      if (c >= 0 && ringPart[c] === part && ringIsOuter[c] === 0) nestedHoles.push(hole);
      else holesOutside.push(hole);
    }
    return { holesOutside, nestedHoles };
  }

  /**
   * Schedules the crossing of two neighbours, lower below upper, when their interiors cross and
   * they are still in the order they had west of it (the lower one ends above the upper's line).
   * Meetings at a vertex are seen at that vertex's event.
   */
  private check(lower: number, upper: number): void {
    const xy = this.xy;
    const la = this.left[lower] as number;
    const ra = this.right[lower] as number;
    const lb = this.left[upper] as number;
    const rb = this.right[upper] as number;
    const ax = xy[2 * la] as number;
    const ay = xy[2 * la + 1] as number;
    const bx = xy[2 * ra] as number;
    const by = xy[2 * ra + 1] as number;
    const cx = xy[2 * lb] as number;
    const cy = xy[2 * lb + 1] as number;
    const dx = xy[2 * rb] as number;
    const dy = xy[2 * rb + 1] as number;
    if (orient(cx, cy, dx, dy, bx, by) <= 0) return;
    const o = orient(cx, cy, dx, dy, ax, ay);
    if (o >= 0) return;
    const o1 = orient(ax, ay, bx, by, cx, cy);
    const o2 = orient(ax, ay, bx, by, dx, dy);
    if (o1 === 0 || o2 === 0 || o1 === o2) return;
    const ux = bx - ax;
    const uy = by - ay;
    const wx = dx - cx;
    const wy = dy - cy;
    const t = ((cx - ax) * wy - (cy - ay) * wx) / (ux * wy - uy * wx);
    let x = ax + t * ux;
    let y = ay + t * uy;
    // rounding must not put the crossing behind the sweep or past an end of either edge
    if (before(x, y, this.px, this.py)) {
      x = this.px;
      y = this.py;
    }
    if (before(bx, by, x, y)) {
      x = bx;
      y = by;
    }
    if (before(dx, dy, x, y)) {
      x = dx;
      y = dy;
    }
    this.queue.push(x, y, lower, upper);
  }

  /** The next crossing: the two edges swap places if still neighbours in the old order. */
  private crossingEvent(): void {
    const { x, y, a: lower, b: upper } = this.queue;
    this.queue.pop();
    const status = this.status;
    if (status.active[lower] !== 1 || status.active[upper] !== 1) return;
    if (status.above(status.nodeOf[lower] as number) !== status.nodeOf[upper]) return;
    this.px = x;
    this.py = y;
    this.record(x, y);
    status.swap(lower, upper);
    const low = status.below(status.nodeOf[upper] as number);
    const high = status.above(status.nodeOf[lower] as number);
    if (low >= 0) this.check(status.edgeOf[low] as number, upper);
    if (high >= 0) this.check(lower, status.edgeOf[high] as number);
  }

  /** Counts a place (once, however many events meet there), keeping the first few. */
  private record(x: number, y: number): void {
    if (this.count > 0 && x === this.lastX && y === this.lastY) return;
    this.count++;
    this.lastX = x;
    this.lastY = y;
    if (this.points.length < this.examples) this.points.push([x, y]);
  }
}

/** Sweeps of at most this many vertices share one set of arrays (see {@link SweepArrays}). */
export const SHARED_SWEEP_VERTICES = 4096;

/**
 * The arrays of a sweep. The valid-geometry rule sweeps every polygon of a layer, most of them a
 * few vertices, and allocating the sweep's dozen typed arrays for each cost more than the sweep:
 * in a CPU profile of the check of a 100 000-zone proposal, the queue's and the status's
 * constructors alone took 280 ms of the rule's 1 020. Sweeps of up to
 * {@link SHARED_SWEEP_VERTICES} vertices take the arrays of one set made once (a sweep runs to its
 * end before the next starts: nothing here is asynchronous); a larger sweep makes its own, so a
 * large polygon's arrays are not kept after it.
 */
class SweepArrays {
  readonly ringOf: Int32Array;
  readonly prevVertex: Int32Array;
  readonly nextVertex: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly order: Int32Array;
  readonly seen: Uint8Array;
  readonly ccw: Uint8Array;
  readonly container: Int32Array;
  readonly westernmost: Int32Array;
  readonly status: SweepStatus;
  queue = new CrossingQueue();
  readonly ending: number[] = [];
  readonly starting: number[] = [];
  readonly block: number[] = [];
  readonly passes = new PassesAtPoint();

  constructor(
    vertices: number,
    /** Whether it is the shared set: kept for the next sweep. */
    private readonly shared: boolean,
  ) {
    this.ringOf = new Int32Array(vertices);
    this.prevVertex = new Int32Array(vertices);
    this.nextVertex = new Int32Array(vertices);
    this.left = new Int32Array(vertices);
    this.right = new Int32Array(vertices);
    this.order = new Int32Array(vertices);
    this.seen = new Uint8Array(vertices);
    this.ccw = new Uint8Array(vertices);
    this.container = new Int32Array(vertices);
    this.westernmost = new Int32Array(vertices);
    this.status = new SweepStatus(vertices);
  }

  /**
   * After a sweep: a shared queue that grew (the polygon crossed itself) is let go rather than
   * kept at its size; a valid polygon never adds to it.
   */
  release(): void {
    if (this.shared && this.queue.capacity > INITIAL_CAPACITY) this.queue = new CrossingQueue();
  }
}

let sharedArrays: SweepArrays | null = null;

/** Arrays for a sweep of `vertices` vertices: the shared set, or a set of its own when larger. */
function sweepArrays(vertices: number): SweepArrays {
  if (vertices > SHARED_SWEEP_VERTICES) return new SweepArrays(vertices, false);
  sharedArrays ??= new SweepArrays(SHARED_SWEEP_VERTICES, true);
  return sharedArrays;
}
