import { describe, expect, it } from "vitest";
import { districtTypeOf } from "../../../src/core/admin/district-type";

describe("districtTypeOf", () => {
  it.each([
    ["Quận Ba Đình", "Quận"],
    ["Huyện Sóc Sơn", "Huyện"],
    ["Thị xã Sơn Tây", "Thị xã"],
    ["Thành phố Bắc Ninh", "Thành phố"],
    // Decomposed accents (NFD), as some tools export them.
    ["Thị xã Sơn Tây".normalize("NFD"), "Thị xã"],
    ["  Quận Hoàn Kiếm ", "Quận"],
  ])("reads the type of %s", (name, type) => {
    expect(districtTypeOf(name)).toBe(type);
  });

  it.each([["Phường Phúc Xá"], ["Quậnh Lạ"], ["Ba Đình"], [""]])(
    "finds no district type in %j",
    (name) => {
      expect(districtTypeOf(name)).toBeNull();
    },
  );
});
