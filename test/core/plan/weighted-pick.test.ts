import { describe, expect, it } from "vitest";
import { pickWeighted } from "../../../src/core/plan/weighted-pick";

describe("pickWeighted", () => {
  it("splits [0, 1) among the codes by weight, in the mix's order", () => {
    const mix = { ODT: 3, TMD: 1 };
    expect(pickWeighted(mix, 0)).toBe("ODT");
    expect(pickWeighted(mix, 0.74)).toBe("ODT");
    expect(pickWeighted(mix, 0.75)).toBe("TMD");
    expect(pickWeighted(mix, 0.999999)).toBe("TMD");
  });

  it("skips zero weights and rejects a mix with none", () => {
    expect(pickWeighted({ LUA: 0, ONT: 2 }, 0)).toBe("ONT");
    expect(() => pickWeighted({ LUA: 0 }, 0.5)).toThrow(/positive weight/);
  });
});
