/**
 * Work written once, as a generator that yields where it may pause, and run either to its end in
 * one go ({@link finishSteps}: a CLI, a worker) or in slices of a few ms with the event loop's turns
 * between them ({@link stepsInSlices}: a page that must keep drawing and answering input, a worker
 * that must hear a cancel). One copy of each algorithm, whichever way it runs.
 */

/** Resolves on a later task (a timer), so messages and events queued meanwhile are handled first. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `steps` to their end, without pausing; their result. */
export function finishSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The slice of work a page does between two turns of its event loop, ms. Each turn may draw a
 * frame of the map — a second or more under software rendering (the headless bench's SwiftShader)
 * while it loads tiles — so a page's slices are longer than a worker's 12 ms: fewer turns, each
 * slice still far under the 100 ms a task may take without being felt.
 */
export const PAGE_SLICE_MS = 40;

/** Options of {@link stepsInSlices}. */
export type SliceOptions = {
  /** Longest stretch between two turns of the event loop, ms (a step is never cut; default 12). */
  sliceMs?: number;
  /** What a turn waits for (default: the next task, {@link yieldToEventLoop}). */
  wait?: () => Promise<void>;
  /** Aborted: rejects with its reason after the current slice. */
  signal?: AbortSignal;
};

/**
 * Runs `steps` in slices of about `sliceMs` ms, `wait` between them; resolves with their result
 * (the same as {@link finishSteps}: the same steps). An aborted signal rejects with its reason.
 */
export async function stepsInSlices<T>(
  steps: Generator<void, T>,
  { sliceMs = 12, wait = yieldToEventLoop, signal }: SliceOptions = {},
): Promise<T> {
  signal?.throwIfAborted();
  for (;;) {
    const deadline = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= deadline) break;
    }
    await wait();
    signal?.throwIfAborted();
  }
}

/**
 * Calls between two reads of the clock at most (see {@link sparseClock}): a slice whose units turn
 * slow all at once (the next rule's) ends at most this many units late.
 */
export const MAX_CLOCK_STRIDE = 32;

/** About how often, ms, {@link sparseClock} reads the clock. */
export const CLOCK_READ_MS = 1;

/**
 * Whether a slice's time is up, for a loop that asks after every unit of work when a unit may
 * take a microsecond: the clock (`performance.now()`) is read every `stride` calls only, the stride
 * doubling while reads come less than half a {@link CLOCK_READ_MS} apart and halving when they
 * come more than two apart: cheap units do not pay for a read each, and a slice ends within a few
 * ms of its time, or {@link MAX_CLOCK_STRIDE} units when they turn slow all at once. In the check workers, reading the clock after each subject took 600 ms of
 * their 10 s with a 100 000-zone proposal (a CPU profile of the app).
 */
export function sparseClock(now: () => number = () => performance.now()): {
  /** Starts a slice of `ms` milliseconds. */
  slice(ms: number): void;
  /** Whether the slice's time is up (read every few calls). */
  up(): boolean;
} {
  let stride = 1;
  let calls = 0;
  let last = 0;
  let deadline = 0;
  return {
    slice(ms) {
      last = now();
      deadline = last + ms;
      calls = 0;
    },
    up() {
      if (++calls < stride) return false;
      calls = 0;
      const t = now();
      const gap = t - last;
      last = t;
      if (gap < CLOCK_READ_MS / 2) stride = Math.min(MAX_CLOCK_STRIDE, 2 * stride);
      else if (gap > 2 * CLOCK_READ_MS) stride = Math.max(1, stride >> 1);
      return t >= deadline;
    },
  };
}

/** Items between two pauses of a pass over a list (a step: well under a ms). */
export const ITEMS_PER_STEP = 256;

/**
 * Sorts `items` in place, stably (equal items keep their order: the same result as
 * `Array.prototype.sort`), yielding every {@link ITEMS_PER_STEP} comparisons or so: a natural
 * merge sort (the runs already in order found first, then merged two by two), so a list that is
 * nearly sorted takes about one comparison per item, as V8's TimSort does. A sort cannot be paused;
 * this one can — 20 000 findings sorted in one go held a page's thread for tens of ms.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const n = items.length;
  /** Comparisons made: a pause after each {@link ITEMS_PER_STEP}. */
  let done = 0;
  let bounds = [0];
  for (let i = 1; i < n; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) bounds.push(i);
    if (++done % ITEMS_PER_STEP === 0) yield;
  }
  bounds.push(n);
  let from = items;
  let to = new Array<T>(n);
  while (bounds.length > 2) {
    const next = [0];
    const runs = bounds.length - 1;
    for (let r = 0; r < runs; r += 2) {
      const low = bounds[r] as number;
      const middle = bounds[r + 1] as number;
      const high = bounds[Math.min(r + 2, runs)] as number;
      let i = low;
      let j = middle;
      let k = low;
      while (i < middle && j < high) {
        // the right one first only when it is strictly less: stable
        to[k++] = compare(from[j] as T, from[i] as T) < 0 ? (from[j++] as T) : (from[i++] as T);
        if (++done % ITEMS_PER_STEP === 0) yield;
      }
      while (i < middle) to[k++] = from[i++] as T;
      while (j < high) to[k++] = from[j++] as T;
      next.push(high);
    }
    bounds = next;
    [from, to] = [to, from];
    yield;
  }
  if (from !== items) {
    for (let i = 0; i < n; i++) {
      items[i] = from[i] as T;
      if (i % (ITEMS_PER_STEP * 16) === 0) yield;
    }
  }
  return items;
}
