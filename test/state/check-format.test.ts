import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../../src/i18n/index";
import {
  findingDetails,
  formatArea,
  formatHectares,
  formatSeconds,
  formatShare,
} from "../../src/state/check-format";
import { finding } from "./check-finding";

beforeAll(() => {
  initI18n("vi");
});

const vi = () => i18next.getFixedT("vi");
const en = () => i18next.getFixedT("en");

describe("formatArea", () => {
  it("gives m² below a hectare and ha above, in each language's number format", () => {
    expect(formatArea(5911.36, "vi")).toBe("5.911 m²");
    expect(formatArea(5911.36, "en")).toBe("5,911 m²");
    expect(formatArea(3.44, "vi")).toBe("3,4 m²");
    expect(formatArea(118_387.99, "vi")).toBe("11,84 ha");
    expect(formatArea(129_046_515.39, "vi")).toBe("12.904,65 ha");
    expect(formatArea(129_046_515.39, "en")).toBe("12,904.65 ha");
  });
});

describe("formatHectares, formatShare, formatSeconds", () => {
  it("format in Vietnamese and English conventions", () => {
    expect(formatHectares(2672.2234, "vi")).toBe("2.672,22 ha");
    expect(formatHectares(0, "en")).toBe("0.00 ha");
    expect(formatShare(0.0160285, "vi")).toMatch(/^1,6\s?%$/);
    expect(formatShare(0.0160285, "en")).toBe("1.6%");
    expect(formatShare(1, "en")).toBe("100%");
    expect(formatShare(0.00002, "en")).toBe("< 0.1%");
    expect(formatShare(0, "en")).toBe("0%");
    expect(formatSeconds(589.4, "vi")).toBe("0,59 s");
    expect(formatSeconds(1431, "en")).toBe("1.43 s");
  });
});

describe("findingDetails", () => {
  it("says how far a zone is from a dyke and what the rule requires", () => {
    const f = finding({
      ruleType: "min-distance",
      measures: { distanceMeters: 12.34, requiredDistanceMeters: 25 },
    });
    expect(findingDetails(f, vi(), "vi")).toEqual(["Cách 12,3 m, yêu cầu tối thiểu 25 m"]);
    expect(findingDetails(f, en(), "en")).toEqual(["12.3 m away, at least 25 m required"]);
  });

  it("says a zone lies inside a corridor that must be kept clear (clearance 0)", () => {
    const f = finding({ measures: { distanceMeters: 0, requiredDistanceMeters: 0 } });
    expect(findingDetails(f, vi(), "vi")).toEqual(["Nằm trong hành lang phải để trống"]);
  });

  it("gives a quota's actual area, target and shortfall, flagging an illustrative target", () => {
    const f = finding({
      ruleType: "quota",
      illustrative: true,
      measures: { actualHectares: 87327.776, minHectares: 90000, shortfallHectares: 2672.224 },
    });
    expect(findingDetails(f, vi(), "vi")).toEqual([
      "Thực tế 87.327,78 ha, tối thiểu 90.000,00 ha: thiếu 2.672,22 ha",
      "Chỉ tiêu minh họa, không phải số liệu được phê duyệt",
    ]);
    const over = finding({
      measures: { actualHectares: 33910.15, maxHectares: 33000, excessHectares: 910.15 },
    });
    expect(findingDetails(over, en(), "en")).toEqual([
      "Actual 33,910.15 ha, maximum 33,000.00 ha: 910.15 ha over",
    ]);
  });

  it("names the land-use pair and the matrix verdict", () => {
    const f = finding({
      measures: { subjectValue: "ODT", constraintValue: "CQP", verdict: "forbidden" },
    });
    expect(findingDetails(f, vi(), "vi")).toEqual(["ODT trên đất CQP: không được phép"]);
    expect(findingDetails(f, en(), "en")).toEqual(["ODT on CQP land: not allowed"]);
  });

  it("names a geometry problem with its width or count", () => {
    const sliver = finding({ problem: "sliver", measures: { widthMeters: 1.87 } });
    expect(findingDetails(sliver, vi(), "vi")).toEqual(["Dải đất quá hẹp (rộng khoảng 1,9 m)"]);
    const dup = finding({ problem: "duplicate-vertices", measures: { count: 3 } });
    expect(findingDetails(dup, en(), "en")).toEqual(["Duplicate consecutive vertices (3 places)"]);
    const empty = finding({ problem: "empty-geometry", measures: {} });
    expect(findingDetails(empty, en(), "en")).toEqual(["Empty geometry"]);
    const overlapping = finding({ problem: "overlapping-parts", measures: { count: 3 } });
    expect(findingDetails(overlapping, en(), "en")).toEqual([
      "Overlapping parts (3 parts overlap)",
    ]);
    expect(findingDetails(overlapping, vi(), "vi")).toEqual([
      "Các phần của vùng chồng lấn lên nhau (3 phần chồng lấn)",
    ]);
    const outside = finding({ problem: "hole-outside-shell", measures: { count: 2 } });
    expect(findingDetails(outside, en(), "en")).toEqual(["Hole outside its outer ring (2 holes)"]);
    const nested = finding({ problem: "nested-holes", measures: { count: 1 } });
    expect(findingDetails(nested, vi(), "vi")).toEqual(["Lỗ nằm trong một lỗ khác (1 lỗ)"]);
  });

  it("has nothing to add for a plain overlap (area and share are shown apart)", () => {
    expect(findingDetails(finding(), vi(), "vi")).toEqual([]);
  });
});
