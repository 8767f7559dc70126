import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FLAG_STATUSES } from "../../src/core/review/index";
import {
  FLAG_SOURCE,
  FLAG_STATUS_COLORS,
  flagLayerSpecs,
  ownFlagsCollection,
} from "../../src/map/flag-layers";
import { AREA, FINDING, flagsAfter, POINT } from "../state/review-test-flags";

describe("the drawn flags' map layer", () => {
  const { flags } = flagsAfter([
    { type: "draw", flagId: "own:a", geometry: AREA, comment: "Bãi đổ thải" },
    { type: "draw", flagId: "own:b", geometry: POINT },
    { type: "set-status", flagId: "own:b", status: "confirmed" },
    { type: "draw", flagId: "own:c", geometry: POINT },
    { type: "delete", flagId: "own:c" },
    { type: "flag-finding", finding: FINDING },
  ]);

  it("draws each drawn flag in force with its status; deleted flags and flags on findings are not drawn", () => {
    const collection = ownFlagsCollection(flags.values());
    expect(collection.features.map((f) => [f.properties?.flagId, f.properties?.status])).toEqual([
      ["own:a", "open"],
      ["own:b", "confirmed"],
    ]);
    expect(collection.features[0]?.geometry).toEqual(AREA);
  });

  it("leaves out the flag being moved and adds the drawing waiting for its comment", () => {
    const collection = ownFlagsCollection(flags.values(), "own:a", POINT);
    expect(collection.features.map((f) => [f.properties?.flagId, f.properties?.status])).toEqual([
      ["own:b", "confirmed"],
      [null, "draft"],
    ]);
  });

  it("colours every status, on the map and in the list alike", () => {
    expect(Object.keys(FLAG_STATUS_COLORS).sort()).toEqual([...FLAG_STATUSES].sort());
    const css = readFileSync(join(import.meta.dirname, "../../src/ui/review-panel.css"), "utf8");
    for (const [status, color] of Object.entries(FLAG_STATUS_COLORS)) {
      expect(css).toMatch(new RegExp(`\\.flag-status--${status} \\{\\s*background: ${color};`));
    }
  });

  it("reads every layer from the flag source, with unique ids", () => {
    const specs = flagLayerSpecs();
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    for (const spec of specs) expect("source" in spec && spec.source).toBe(FLAG_SOURCE);
  });
});
