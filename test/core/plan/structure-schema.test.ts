import { describe, expect, it } from "vitest";
import { parseStructure } from "../../../src/core/plan/structure-schema";
import { readPlanFixture } from "./plan-inputs";

const good = readPlanFixture("assignment/structure.json") as Record<string, unknown>;

describe("parseStructure", () => {
  it("accepts a well-formed structure", () => {
    expect(parseStructure(good).industrialParks[0]?.id).toBe("IP-1");
  });

  it("names the file, the field and the problem, one line each", () => {
    const bad = {
      ...good,
      seed: -1,
      industrialCode: "XYZ",
      urbanCentres: [
        {
          id: "c",
          name: "x",
          kind: "central",
          center: [105.9, 21.1],
          radiusM: 10,
          mix: { ODT: 0 },
        },
      ],
    };
    let message = "";
    try {
      parseStructure(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(/^layers\/city-plan\/structure\.json: seed: /),
    );
    expect(lines).toContainEqual(
      "layers/city-plan/structure.json: industrialCode: unknown land-use code",
    );
    expect(lines).toContainEqual(
      "layers/city-plan/structure.json: urbanCentres.0.mix: a mix needs a positive weight",
    );
  });
});
