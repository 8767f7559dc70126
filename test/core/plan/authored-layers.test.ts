import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { widthLines } from "../../../src/core/plan/authored-layers";
import { PlanInputError } from "../../../src/core/plan/plan-input-error";

const road = (id: unknown): FeatureCollection => ({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { id, width_m: "wide" },
      geometry: {
        type: "LineString",
        coordinates: [
          [105.5, 21],
          [105.6, 21],
        ],
      },
    },
  ],
});

const whereOf = (id: unknown): string => {
  try {
    widthLines({ "sector/ring-roads.geojson": road(id) }, "sector/ring-roads.geojson");
  } catch (error) {
    if (error instanceof PlanInputError) return error.where;
    throw error;
  }
  throw new Error("expected a PlanInputError");
};

describe("featureWhere: an authored feature named as the validator names features", () => {
  it("file, number, index and id", () => {
    expect(whereOf("VD5-TAY")).toBe(
      'layers/sector/ring-roads.geojson, đối tượng / feature 1 (features[0]; id "VD5-TAY")',
    );
    expect(whereOf(5)).toBe(
      "layers/sector/ring-roads.geojson, đối tượng / feature 1 (features[0])",
    );
  });

  it("an id from the file is quoted on one line, short", () => {
    const where = whereOf(`VD5\n${"x".repeat(500)}"`);
    expect(where).toContain('id "VD5\\nxxx');
    expect(where).not.toContain("\n");
    expect(where.length).toBeLessThan(200);
  });
});
