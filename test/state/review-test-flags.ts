import type { Finding } from "../../src/core/check/index";
import {
  type Flag,
  type FlagEvent,
  foldFlags,
  type ReviewIntent,
  reviewEvent,
} from "../../src/core/review/index";

/*
 * Flags for the tests of the review panel's helpers, made the way the app makes them: intents
 * checked by `reviewEvent`, one after another, folded into flags.
 */

export const AREA = {
  type: "Polygon" as const,
  coordinates: [
    [
      [105.8, 21.0],
      [105.81, 21.0],
      [105.81, 21.01],
      [105.8, 21.0],
    ],
  ],
};
export const POINT = { type: "Point" as const, coordinates: [105.85, 21.03] };

/** Applies the intents in order (each at its own minute), as `reviewer` unless an intent names one. */
export function flagsAfter(steps: (ReviewIntent & { reviewer?: string })[]): {
  events: FlagEvent[];
  flags: Map<string, Flag>;
} {
  const events: FlagEvent[] = [];
  let flags = new Map<string, Flag>();
  steps.forEach((step, i) => {
    const { reviewer = "Nguyễn Văn An", ...intent } = step;
    const made = reviewEvent(flags, intent as ReviewIntent, {
      reviewer,
      at: `2026-12-05T08:${String(i).padStart(2, "0")}:00.000Z`,
    });
    if (!made.ok) throw new Error(made.problem.en);
    events.push(made.event);
    flags = foldFlags(events);
  });
  return { events, flags };
}

/** A finding to flag: only what a flag keeps of it (see `snapshotOf`). */
export const FINDING = {
  id: "f1",
  rule: "urban-on-protected-rice-land",
  subject: { layer: "city-zones", featureId: "z1" },
  constraint: { layer: "rice", featureId: "r1" },
  geometry: null,
  areaSquareMeters: 1200,
} as unknown as Finding;
