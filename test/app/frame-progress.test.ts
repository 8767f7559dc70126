import { afterEach, describe, expect, it, vi } from "vitest";
import { frameProgress } from "../../src/app/frame-progress";

/** Animation frames the test runs by hand. */
function frames() {
  const pending = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal("requestAnimationFrame", (callback: () => void) => {
    pending.set(next, callback);
    return next++;
  });
  vi.stubGlobal("cancelAnimationFrame", (id: number) => pending.delete(id));
  return {
    pending,
    draw: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("frameProgress", () => {
  it("delivers the latest report once per frame", () => {
    const screen = frames();
    const delivered: [number, number][] = [];
    const progress = frameProgress((done, total) => delivered.push([done, total]));
    progress.report(1, 10);
    progress.report(2, 10);
    progress.report(3, 10);
    expect(screen.pending.size).toBe(1);
    screen.draw();
    progress.report(9, 10);
    screen.draw();
    expect(delivered).toEqual([
      [3, 10],
      [9, 10],
    ]);
  });

  it("drops a report not yet delivered when stopped", () => {
    const screen = frames();
    const deliver = vi.fn();
    const progress = frameProgress(deliver);
    progress.report(5, 10);
    progress.stop();
    screen.draw();
    expect(deliver).not.toHaveBeenCalled();
    expect(screen.pending.size).toBe(0);
  });
});
