import { describe, expect, it } from "vitest";
import type { Rule } from "../../../src/core/catalog/rules-schema";
import { codeAttributeOf, proposalCandidates } from "../../../src/core/proposal/target";
import { landUseLayer, layerEntry } from "../../state/layer-fixture";

const city = landUseLayer({ id: "city-zones", level: "city" });
const other = landUseLayer({ id: "city-other", level: "city" });
const national = landUseLayer();
const subject = (layer: string, extra: Partial<Rule> = {}) =>
  ({ type: "overlap", subject: { layer }, ...extra }) as Rule;

describe("the layers a proposal can replace", () => {
  it("are the city-level layers the rules take as subject, in catalogue order", () => {
    const layers = [national, other, layerEntry(), city];
    const rules = [subject("city-zones"), subject("city-other"), subject(national.id)];
    expect(proposalCandidates(layers, rules).map((l) => l.id)).toEqual([
      "city-other",
      "city-zones",
    ]);
    expect(proposalCandidates(layers, [subject(national.id)])).toEqual([]);
  });
});

describe("the attribute a proposal's land-use codes go under", () => {
  it("is the attribute a rule's code filter reads on the layer", () => {
    const rule = subject("city-zones", {
      subject: { layer: "city-zones", filter: { attribute: "MDSD", in: ["ODT", "ONT"] } },
    } as Partial<Rule>);
    expect(codeAttributeOf([rule], city)).toBe("MDSD");
  });

  it("falls back to the layer's categorised style attribute, then to land_use_code", () => {
    const style = city.style.type === "categorised" ? city.style : null;
    if (!style) throw new Error("the fixture's land-use layer is categorised");
    const styled = { ...city, style: { ...style, attribute: "ma_dat" } };
    expect(codeAttributeOf([subject("city-zones")], styled)).toBe("ma_dat");
    expect(codeAttributeOf([], layerEntry())).toBe("land_use_code");
  });
});
