import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildReviewFile,
  foldFlags,
  formatReviewFile,
  parseReviewFile,
  REVIEW_VERSION,
  reviewProblemLines,
} from "../../../src/core/review/index";
import { finding } from "../../state/check-finding";
import { fileEvents, REVIEW_FIXTURES } from "./review-fixtures";

const DIR = join(REVIEW_FIXTURES, "file");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const OPTIONS = { exportedAt: "2026-12-02T07:00:00.000Z", exportedBy: "Nguyễn Thị Lan" };

type Expected =
  | { ok: true; flags: number; events: number }
  | { ok: false; problems: { index: number | null; id: string | null; field: string }[] };

describe("review file: export", () => {
  it("writes the fixture events as test/fixtures/review/file/valid.geojson, byte for byte", () => {
    expect(formatReviewFile(fileEvents(), OPTIONS)).toBe(read("valid.geojson"));
  });

  it("carries the marker, and per flag its geometry, finding id, status, comment and full history", () => {
    const file = buildReviewFile(fileEvents(), OPTIONS);
    expect(file.planLayersReview).toEqual({
      format: "plan-layers-review",
      version: REVIEW_VERSION,
      app: "plan-layers",
      ...OPTIONS,
    });
    const own = file.features.find((f) => f.properties.kind === "own");
    expect(own?.geometry).toEqual({ type: "Point", coordinates: [105.855, 21.025] });
    const first = file.features[0];
    expect(first?.properties).toMatchObject({
      findingId: "aaaaaaaaaaaaaaaa",
      status: "open",
      comment: "Mở lại: bản vẽ mới chưa khớp",
    });
    expect(first?.properties.history).toHaveLength(5);
  });

  it("takes a found finding's geometry from the current run, else the flagged snapshot", () => {
    const moved = finding({
      id: "aaaaaaaaaaaaaaaa",
      geometry: { type: "Point", coordinates: [105.9, 21.1] },
    });
    const file = buildReviewFile(fileEvents(), { ...OPTIONS, findings: [moved] });
    expect(file.features[0]?.geometry).toEqual(moved.geometry);
    expect(file.features[1]?.geometry?.type).toBe("Polygon");
  });
});

describe("review file: strict import (test/fixtures/review/file/*.geojson → *.expected.json)", () => {
  const names = readdirSync(DIR)
    .filter((n) => n.endsWith(".geojson"))
    .sort();
  for (const name of names) {
    const expected = JSON.parse(read(name.replace(/\.geojson$/, ".expected.json"))) as Expected;
    it(`${name}: ${expected.ok ? "read whole" : "refused, naming the feature and field"}`, () => {
      const result = parseReviewFile(read(name));
      if (expected.ok) {
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.flags).toBe(expected.flags);
          expect(result.events).toHaveLength(expected.events);
        }
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => ({ index: p.index, id: p.id, field: p.field }))).toEqual(
        expected.problems,
      );
      for (const line of reviewProblemLines(result.problems, name)) {
        // bilingual, Vietnamese first, naming the file (and the feature when there is one)
        expect(line.startsWith(`${name}: `)).toBe(true);
        expect(line).toContain(" / ");
      }
    });
  }

  it("round-trips: export → import gives the same flags", () => {
    const result = parseReviewFile(formatReviewFile(fileEvents(), OPTIONS));
    if (!result.ok) throw new Error(reviewProblemLines(result.problems, "x").join("\n"));
    expect(foldFlags(result.events)).toEqual(foldFlags(fileEvents()));
  });

  it("reads a file saved with a UTF-8 byte order mark", () => {
    expect(parseReviewFile(`\uFEFF${read("valid.geojson")}`).ok).toBe(true);
  });

  it("refuses a GeoJSON that is not a review, and JSON that is not an object, as foreign", () => {
    for (const text of ['{"type":"FeatureCollection","features":[]}', "[]", "null", '"x"']) {
      const result = parseReviewFile(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.message.en).toMatch(/not a plan-layers review/);
    }
  });

  it("names in a message only a bounded, escaped piece of what the file holds", () => {
    const evil = JSON.parse(read("valid.geojson"));
    evil.features[0].properties[`${"\u202e".repeat(3)}${"x".repeat(5000)}`] = 1;
    const result = parseReviewFile(JSON.stringify(evil));
    if (result.ok) throw new Error("read");
    const [line] = reviewProblemLines(result.problems, "r.geojson");
    expect(line?.length).toBeLessThan(600);
    expect(line).not.toContain("\u202e");
  });
});
