import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { loadedProposal } from "../../src/state/proposal-layer";
import { planViewOf } from "../../src/ui/proposal-compare";
import { landUseLayer } from "../state/layer-fixture";

const empty: FeatureCollection = { type: "FeatureCollection", features: [] };
const proposal = loadedProposal(landUseLayer({ id: "city-zones", level: "city" }), "a.zip", empty);
const settings = (current: boolean, shown: boolean) => ({
  "city-zones": { visible: current, opacity: 0.7 },
  [proposal.entry.id]: { visible: shown, opacity: 0.7 },
});

describe("the before/after view", () => {
  it("is what the current plan's and the proposal's visibility amount to", () => {
    expect(planViewOf(settings(true, true), proposal)).toBe("both");
    expect(planViewOf(settings(true, false), proposal)).toBe("before");
    expect(planViewOf(settings(false, true), proposal)).toBe("after");
    expect(planViewOf(settings(false, false), proposal)).toBeNull();
    expect(planViewOf({}, proposal)).toBeNull();
  });
});
