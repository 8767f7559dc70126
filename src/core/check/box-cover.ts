/**
 * Where a set of boxes lies, on a coarse grid over their extent: which cells any box touches, as a
 * summed-area table, so "may this box meet one of them?" is a few reads with no allocation. It
 * never answers no for a box that meets one (touching counts); a yes may be wrong, and the caller
 * then asks the spatial index.
 *
 * Why not the R-tree itself: at 50 000 × 5 000 of the benchmark, most zones a rule checks meet no
 * constraint feature, and searching the tree for each (a result array apiece) cost more than
 * preparing the zones it spared.
 */
export type BoxCover = {
  /** Cells per side. */
  n: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Cells per degree (0 when the extent is flat on that axis: one column or row). */
  sx: number;
  sy: number;
  /** table[(n + 1) r + c]: how many cells of rows < r and columns < c a box touches. */
  table: Int32Array;
};

/*
 * A position's cell is floor((x − x0) · sx): a subtraction and a multiplication by a positive
 * constant, each rounded correctly, never reverse the order of two positions, so boxes that meet
 * get cell ranges that meet.
 */
function cell(v: number, v0: number, s: number, n: number): number {
  const k = Math.floor((v - v0) * s);
  return k < 0 ? 0 : k >= n ? n - 1 : k;
}

/** The cover of `count` boxes, box k at `boxes[4k…4k + 3]` (minX, minY, maxX, maxY). */
export function boxCover(boxes: Float64Array, count: number): BoxCover {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    x0 = Math.min(x0, boxes[4 * k] as number);
    y0 = Math.min(y0, boxes[4 * k + 1] as number);
    x1 = Math.max(x1, boxes[4 * k + 2] as number);
    y1 = Math.max(y1, boxes[4 * k + 3] as number);
  }
  // about 16 cells per box, at most 512 × 512 (a summed-area table of 1 MB)
  const n = Math.min(512, Math.max(16, 4 * Math.ceil(Math.sqrt(count))));
  const sx = x1 > x0 ? n / (x1 - x0) : 0;
  const sy = y1 > y0 ? n / (y1 - y0) : 0;
  const w = n + 1;
  // each box adds 1 to its cells, written as a difference table: four writes however large it is
  const diff = new Int32Array(w * w);
  for (let k = 0; k < count; k++) {
    const a = cell(boxes[4 * k] as number, x0, sx, n);
    const b = cell(boxes[4 * k + 2] as number, x0, sx, n) + 1;
    const c = cell(boxes[4 * k + 1] as number, y0, sy, n);
    const d = cell(boxes[4 * k + 3] as number, y0, sy, n) + 1;
    diff[c * w + a] = (diff[c * w + a] as number) + 1;
    diff[c * w + b] = (diff[c * w + b] as number) - 1;
    diff[d * w + a] = (diff[d * w + a] as number) - 1;
    diff[d * w + b] = (diff[d * w + b] as number) + 1;
  }
  // prefix sums of the differences give each cell's count; the table sums which cells are touched
  const table = new Int32Array(w * w);
  const count2d = new Int32Array(w * w);
  for (let r = 0; r < n; r++) {
    let rowTouched = 0;
    for (let c = 0; c < n; c++) {
      const here =
        (diff[r * w + c] as number) +
        (r > 0 ? (count2d[(r - 1) * w + c] as number) : 0) +
        (c > 0 ? (count2d[r * w + c - 1] as number) : 0) -
        (r > 0 && c > 0 ? (count2d[(r - 1) * w + c - 1] as number) : 0);
      count2d[r * w + c] = here;
      if (here > 0) rowTouched++;
      table[(r + 1) * w + c + 1] = (table[r * w + c + 1] as number) + rowTouched;
    }
  }
  return { n, x0, y0, x1, y1, sx, sy, table };
}

/** Whether [minX, maxX] × [minY, maxY] may meet one of the cover's boxes (never false when it does). */
export function mayMeet(
  cover: BoxCover,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  if (maxX < cover.x0 || minX > cover.x1 || maxY < cover.y0 || minY > cover.y1) return false;
  const { n, table } = cover;
  const w = n + 1;
  const a = cell(minX, cover.x0, cover.sx, n);
  const b = cell(maxX, cover.x0, cover.sx, n) + 1;
  const c = cell(minY, cover.y0, cover.sy, n);
  const d = cell(maxY, cover.y0, cover.sy, n) + 1;
  const touched =
    (table[d * w + b] as number) -
    (table[c * w + b] as number) -
    (table[d * w + a] as number) +
    (table[c * w + a] as number);
  return touched > 0;
}
