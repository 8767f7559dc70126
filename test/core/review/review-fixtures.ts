import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type FlagEvent,
  foldFlags,
  type ReviewIntent,
  reviewEvent,
} from "../../../src/core/review/index";

/** test/fixtures/review/<folder>. */
export const REVIEW_FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "review");

/** The JSON fixtures of a folder, by name (file name without .json), sorted. */
export function jsonFixtures<T>(folder: string): [string, T][] {
  const dir = join(REVIEW_FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
    .sort()
    .map((name) => [name.slice(0, -5), JSON.parse(readFileSync(join(dir, name), "utf8")) as T]);
}

/** The events of test/fixtures/review/file/events.json: three flags, every kind of event. */
export function fileEvents(): FlagEvent[] {
  return JSON.parse(readFileSync(join(REVIEW_FIXTURES, "file", "events.json"), "utf8")).events;
}

/** Applies intents one by one (a second apart), failing the test on a refused one. */
export function applyIntents(
  intents: [ReviewIntent, string][],
  events: FlagEvent[] = [],
): FlagEvent[] {
  const log = [...events];
  for (const [intent, reviewer] of intents) {
    const result = reviewEvent(foldFlags(log), intent, {
      reviewer,
      at: new Date(Date.UTC(2026, 11, 1, 8, 0, log.length)).toISOString(),
    });
    if (!result.ok) throw new Error(`${intent.type}: ${result.problem.en}`);
    log.push(result.event);
  }
  return log;
}
