import { describe, expect, it } from "vitest";
import { PlanInputError } from "../../../src/core/plan/plan-input-error";
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
      river: { ...(good.river as object), bankMix: { XYZ: 1 } },
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
    let error: unknown;
    try {
      parseStructure(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanInputError);
    const lines = (error as PlanInputError).problemLines();
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^layers\/city-plan\/structure\.json: seed: Quá nhỏ: .* \/ Too small: /,
      ),
    );
    expect(lines).toContainEqual(
      "layers/city-plan/structure.json: industrialCode: mã loại đất không có trong chú giải quy hoạch: dùng một mã của chú giải, ví dụ ODT, LUC / unknown land-use code: use a code of the plan legend, e.g. ODT, LUC",
    );
    // a bad key of a record: its own check's words, not zod's "Invalid key in record"
    expect(lines).toContainEqual(
      "layers/city-plan/structure.json: river.bankMix.XYZ: mã loại đất không có trong chú giải quy hoạch: dùng một mã của chú giải, ví dụ ODT, LUC / unknown land-use code: use a code of the plan legend, e.g. ODT, LUC",
    );
    expect(lines).toContainEqual(
      "layers/city-plan/structure.json: urbanCentres.0.mix: tỉ lệ pha trộn cần ít nhất một trọng số dương / a mix needs a positive weight",
    );
    // in one language for other callers: the English message names each field
    expect((error as Error).message.split("\n")).toContainEqual(
      "layers/city-plan/structure.json: urbanCentres.0.mix: a mix needs a positive weight",
    );
  });
});
