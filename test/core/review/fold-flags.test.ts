import { describe, expect, it } from "vitest";
import { type FlagEvent, foldFlags } from "../../../src/core/review/index";
import { jsonFixtures } from "./review-fixtures";

type Expected = {
  status: string;
  heads: string[];
  disagreement: boolean;
  deleted: boolean;
  comment: string | null;
  events: number;
  geometryType?: string;
};
type HistoryFixture = {
  description: string;
  events: FlagEvent[];
  expected: Record<string, Expected>;
};

describe("foldFlags: the current state is the fold of the append-only history", () => {
  for (const [name, fixture] of jsonFixtures<HistoryFixture>("history")) {
    it(`${name}: ${fixture.description}`, () => {
      const flags = foldFlags(fixture.events);
      expect([...flags.keys()].sort()).toEqual(Object.keys(fixture.expected).sort());
      for (const [id, expected] of Object.entries(fixture.expected)) {
        const flag = flags.get(id);
        expect(flag).toBeDefined();
        if (!flag) continue;
        expect({
          status: flag.status,
          heads: flag.heads.map((h) => h.status),
          disagreement: flag.disagreement,
          deleted: flag.deleted,
          comment: flag.comment,
          events: flag.history.length,
          ...(expected.geometryType && flag.target.kind === "own"
            ? { geometryType: flag.target.geometry.type }
            : {}),
        }).toEqual(expected);
        // the history is kept whole and in order: nothing overwritten
        const times = flag.history.map((e) => `${e.at}${e.eventId}`);
        expect(times).toEqual([...times].sort());
      }
    });
  }

  it("does not change the events it folds (the log is append-only)", () => {
    const [, fixture] = jsonFixtures<HistoryFixture>("history")[0] as [string, HistoryFixture];
    const before = JSON.stringify(fixture.events);
    foldFlags(fixture.events);
    expect(JSON.stringify(fixture.events)).toBe(before);
  });

  it("leaves out a flag whose history has no creation", () => {
    const [, fixture] = jsonFixtures<HistoryFixture>("history").find(([n]) =>
      n.startsWith("handoff"),
    ) as [string, HistoryFixture];
    expect(foldFlags(fixture.events.slice(1)).size).toBe(0);
  });
});
