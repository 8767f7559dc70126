import { describe, expect, it } from "vitest";
import { normalizeSearch, stripUnitPrefix } from "../../../src/core/text/normalize-search";

describe("normalizeSearch", () => {
  it.each([
    ["Quận Hoàn Kiếm", "quan hoan kiem"],
    ["Đống Đa", "dong da"],
    ["ĐỐNG ĐA", "dong da"],
    ["Huyện Ba Vì", "huyen ba vi"],
    ["Ứng Hòa", "ung hoa"],
    ["Thị xã  Sơn\tTây ", "thi xa son tay"],
    ["Mê Linh", "me linh"],
    ["Hoài Đức", "hoai duc"],
  ])("folds %j to %j", (input, expected) => {
    expect(normalizeSearch(input)).toBe(expected);
  });

  it("gives the same key for precomposed and decomposed input", () => {
    const precomposed = "Hoàn Kiếm".normalize("NFC");
    const decomposed = "Hoàn Kiếm".normalize("NFD");
    expect(precomposed).not.toBe(decomposed);
    expect(normalizeSearch(precomposed)).toBe(normalizeSearch(decomposed));
  });

  it("returns an empty string for blank input", () => {
    expect(normalizeSearch("   ")).toBe("");
  });
});

describe("stripUnitPrefix", () => {
  it.each([
    ["Quận Hoàn Kiếm", "Hoàn Kiếm"],
    ["Huyện Ba Vì", "Ba Vì"],
    ["Thị xã Sơn Tây", "Sơn Tây"],
    ["Thành phố Hà Nội", "Hà Nội"],
    ["Hoàn Kiếm", "Hoàn Kiếm"],
    ["Quận", "Quận"],
  ])("%j → %j", (input, expected) => {
    expect(stripUnitPrefix(input)).toBe(expected);
  });
});
