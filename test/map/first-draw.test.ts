import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  afterFrame,
  type FenceContext,
  fenceContext,
  GPU_POLL_MS,
  GPU_WAIT_LIMIT_MS,
} from "../../src/map/first-draw";

const TIMEOUT_EXPIRED = 0x911b;
const CONDITION_SATISFIED = 0x911c;

/** A WebGL 2 context whose fence signals after `pending` polls; it records what was asked of it. */
function fakeContext(pending: number) {
  const calls: string[] = [];
  let left = pending;
  const gl: FenceContext = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    TIMEOUT_EXPIRED,
    fenceSync: () => {
      calls.push("fence");
      return {} as WebGLSync;
    },
    flush: () => {
      calls.push("flush");
    },
    clientWaitSync: (_sync, flags, timeout) => {
      // WebGL allows no waiting: anything but 0, 0 would be an error there
      calls.push(`poll ${flags} ${timeout}`);
      if (left > 0) {
        left--;
        return TIMEOUT_EXPIRED;
      }
      return CONDITION_SATISFIED;
    },
    deleteSync: () => {
      calls.push("delete");
    },
  };
  return { gl, calls };
}

describe("afterFrame", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs in a task after the frame's, at once where there is no WebGL 2 context", () => {
    const then = vi.fn();
    afterFrame(then, null);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("waits, polling a fence without blocking, until the GPU has run the frame's commands", () => {
    const then = vi.fn();
    const { gl, calls } = fakeContext(3);
    afterFrame(then, gl);
    vi.advanceTimersByTime(0);
    // fenced after the frame, flushed so that the GPU reaches it, asked at once
    expect(calls).toEqual(["fence", "flush", "poll 0 0"]);
    vi.advanceTimersByTime(GPU_POLL_MS * 2);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(GPU_POLL_MS);
    expect(then).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.startsWith("poll"))).toHaveLength(4);
    expect(calls.at(-1)).toBe("delete");
    vi.advanceTimersByTime(GPU_POLL_MS * 10);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("gives up waiting after its limit (a context that never answers)", () => {
    const then = vi.fn();
    const { gl, calls } = fakeContext(Number.POSITIVE_INFINITY);
    afterFrame(then, gl);
    vi.advanceTimersByTime(GPU_WAIT_LIMIT_MS - GPU_POLL_MS);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(GPU_POLL_MS * 2);
    expect(then).toHaveBeenCalledTimes(1);
    expect(calls.at(-1)).toBe("delete");
  });

  it("runs at once where the context makes no fence (a lost context)", () => {
    const then = vi.fn();
    const { gl } = fakeContext(0);
    gl.fenceSync = () => null;
    afterFrame(then, gl);
    vi.advanceTimersByTime(0);
    expect(then).toHaveBeenCalledTimes(1);
  });
});

describe("fenceContext", () => {
  it("is the canvas's WebGL 2 context, and null for a WebGL 1 one", () => {
    const webgl2 = { fenceSync: () => null };
    const canvas = (context: unknown) =>
      ({ getContext: (type: string) => (type === "webgl2" ? context : null) }) as never;
    expect(fenceContext(canvas(webgl2))).toBe(webgl2);
    expect(fenceContext(canvas(null))).toBeNull();
  });
});
