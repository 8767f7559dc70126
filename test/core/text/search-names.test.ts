import { describe, expect, it } from "vitest";
import { searchNames } from "../../../src/core/text/search-names";

const DISTRICTS = [
  "Quận Ba Đình",
  "Quận Hoàn Kiếm",
  "Quận Đống Đa",
  "Quận Hai Bà Trưng",
  "Huyện Đông Anh",
  "Huyện Ba Vì",
  "Huyện Đan Phượng",
  "Thị xã Sơn Tây",
  "Huyện Thạch Thất",
  "Quận Nam Từ Liêm",
  "Quận Bắc Từ Liêm",
];

const search = (query: string) => searchNames(DISTRICTS, query, (name) => name);

describe("searchNames", () => {
  it("ignores diacritics and case", () => {
    expect(search("hoan kiem")).toEqual(["Quận Hoàn Kiếm"]);
    expect(search("Ba Vi")).toEqual(["Huyện Ba Vì"]);
    expect(search("dong da")).toEqual(["Quận Đống Đa"]);
  });

  it("matches with or without the unit prefix", () => {
    expect(search("quan hoan kiem")).toEqual(["Quận Hoàn Kiếm"]);
    expect(search("Thị xã Sơn Tây")).toEqual(["Thị xã Sơn Tây"]);
    expect(search("son tay")).toEqual(["Thị xã Sơn Tây"]);
  });

  it("puts exact and prefix matches before matches inside the name", () => {
    expect(search("ba")).toEqual([
      "Quận Ba Đình",
      "Huyện Ba Vì",
      "Quận Bắc Từ Liêm",
      "Quận Hai Bà Trưng",
    ]);
    expect(search("iem")).toEqual(["Quận Hoàn Kiếm", "Quận Nam Từ Liêm", "Quận Bắc Từ Liêm"]);
    expect(search("tu liem")).toEqual(["Quận Nam Từ Liêm", "Quận Bắc Từ Liêm"]);
  });

  it("treats đ as d so 'dong' finds both Đống Đa and Đông Anh", () => {
    expect(search("dong")).toEqual(["Quận Đống Đa", "Huyện Đông Anh"]);
  });

  it("returns nothing for an empty query or no match, and honours the limit", () => {
    expect(search("  ")).toEqual([]);
    expect(search("zzz")).toEqual([]);
    expect(searchNames(DISTRICTS, "a", (n) => n, 2)).toHaveLength(2);
  });
});
