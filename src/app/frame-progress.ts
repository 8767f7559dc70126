/**
 * Progress reports, at most one per animation frame: `report` keeps the latest (done, total) and
 * asks for a frame; the frame hands it to `deliver`. Workers report far more often than a screen
 * draws, and each delivery re-renders. `stop` drops a report not yet delivered (the run ended).
 */
export function frameProgress(deliver: (done: number, total: number) => void): {
  report: (done: number, total: number) => void;
  stop: () => void;
} {
  let frame: number | null = null;
  let latest = { done: 0, total: 0 };
  return {
    report: (done, total) => {
      latest = { done, total };
      frame ??= requestAnimationFrame(() => {
        frame = null;
        deliver(latest.done, latest.total);
      });
    },
    stop: () => {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
    },
  };
}
