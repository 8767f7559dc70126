import { describe, expect, it } from "vitest";
import { closestMatches, didYouMean } from "../../../src/core/text/did-you-mean";
import { showValue } from "../../../src/core/text/show-value";

const closestMatch = (word: string, known: string[]) => closestMatches(word, known)[0] ?? null;

describe("closestMatches", () => {
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

  it("allows one edit per three characters; a swap of neighbours is one edit", () => {
    expect(closestMatch("OTD", ["ODT"])).toBe("ODT");
    expect(closestMatch("TDO", ["ODT"])).toBeNull();
    expect(closestMatch("0DT", ["ODT"])).toBe("ODT");
  });

  it("reads digits typed for look-alike letters before counting edits", () => {
    const codes = ["DDT", "ODT", "ONT", "CNT", "SKC", "SKK"];
    expect(closestMatches("0DT", codes)).toEqual(["ODT"]);
    expect(closestMatches("0NT", codes)).toEqual(["ONT"]);
    expect(closestMatches("5KK", codes)).toEqual(["SKK"]);
  });

  it("gives every equally close word, at most three, in the order known", () => {
    expect(closestMatches("LUX", ["LUA", "LUC", "LUK", "LUN", "ODT"])).toEqual([
      "LUA",
      "LUC",
      "LUK",
    ]);
    // a swap of neighbours beats a wrong letter
    expect(closestMatches("OTD", ["NTD", "ODT"])).toEqual(["ODT"]);
  });
});

describe("didYouMean", () => {
  it("says it in both languages, the suggestion quoted as JSON", () => {
    expect(didYouMean("filtr", ["filter"])).toEqual({
      vi: ' (có phải "filter"?)',
      en: ' (did you mean "filter"?)',
    });
    expect(didYouMean("qqqq", ["filter"])).toEqual({ vi: "", en: "" });
    expect(didYouMean("LUX", ["LUA", "LUC"])).toEqual({
      vi: ' (có phải "LUA" hoặc "LUC"?)',
      en: ' (did you mean "LUA" or "LUC"?)',
    });
  });

  it("never lets a suggestion from a file break the line", () => {
    expect(didYouMean("a\nb", ['a\nb"'])).toEqual({
      vi: ' (có phải "a\\nb\\""?)',
      en: ' (did you mean "a\\nb\\""?)',
    });
    expect(showValue("x".repeat(100))).toBe(`"${"x".repeat(60)}…"`);
  });
});
