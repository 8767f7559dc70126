import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean } from "../../../src/core/text/did-you-mean";
import { showValue } from "../../../src/core/text/show-value";

describe("closestMatch", () => {
  const keys = ["toleranceSquareMeters", "distanceMeters", "subject", "constraint"];

  it("finds the key a slip stands for", () => {
    expect(closestMatch("toleranceSquareMeter", keys)).toBe("toleranceSquareMeters");
    expect(closestMatch("distanceMetres", keys)).toBe("distanceMeters");
    expect(closestMatch("contraint", keys)).toBe("constraint");
  });

  it("matches case and surrounding whitespace at no cost", () => {
    expect(closestMatch(" odt ", ["LUC", "ODT", "ONT"])).toBe("ODT");
  });

  it("suggests nothing for nonsense or for nothing", () => {
    expect(closestMatch("zzzzzzzz", keys)).toBeNull();
    expect(closestMatch("xyz", ["district_code"])).toBeNull();
    expect(closestMatch("", ["a"])).toBeNull();
    expect(closestMatch("a", [])).toBeNull();
  });

  it("allows one edit per three characters", () => {
    // "OTD" is two edits from "ODT": a 3-letter code allows one
    expect(closestMatch("OTD", ["ODT"])).toBeNull();
    expect(closestMatch("0DT", ["ODT"])).toBe("ODT");
  });
});

describe("didYouMean", () => {
  it("says it in both languages, the suggestion quoted as JSON", () => {
    expect(didYouMean("filtr", ["filter"])).toEqual({
      vi: ' (có phải "filter"?)',
      en: ' (did you mean "filter"?)',
    });
    expect(didYouMean("qqqq", ["filter"])).toEqual({ vi: "", en: "" });
  });

  it("never lets a suggestion from a file break the line", () => {
    expect(didYouMean("a\nb", ['a\nb"'])).toEqual({
      vi: ' (có phải "a\\nb\\""?)',
      en: ' (did you mean "a\\nb\\""?)',
    });
    expect(showValue("x".repeat(100))).toBe(`"${"x".repeat(60)}…"`);
  });
});
