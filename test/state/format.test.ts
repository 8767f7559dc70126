import { describe, expect, it, vi } from "vitest";
import { formatAreaKm2, formatIsoDate, formatNumber } from "../../src/state/format";

describe("formatAreaKm2", () => {
  it("uses a decimal comma in Vietnamese and a point in English, one decimal", () => {
    expect(formatAreaKm2(12.34, "vi")).toBe("12,3 km²");
    expect(formatAreaKm2(12.34, "en")).toBe("12.3 km²");
    expect(formatAreaKm2(5, "vi")).toBe("5,0 km²");
  });

  it("groups thousands the local way", () => {
    expect(formatAreaKm2(3358.64, "vi")).toBe("3.358,6 km²");
    expect(formatAreaKm2(3358.64, "en")).toBe("3,358.6 km²");
  });
});

describe("formatNumber", () => {
  it("follows the language's separators", () => {
    expect(formatNumber(1234.5, "vi")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});

describe("formatIsoDate", () => {
  it("writes dates as officials do, without time-zone shifts", () => {
    expect(formatIsoDate("2022-06-16", "vi")).toBe("16/06/2022");
    expect(formatIsoDate("2022-06-16", "en")).toBe("16 Jun 2022");
    expect(formatIsoDate("2024-01-01", "vi")).toBe("01/01/2024");
  });

  it("returns unreadable input unchanged", () => {
    expect(formatIsoDate("31/12/2022", "vi")).toBe("31/12/2022");
    expect(formatIsoDate("2022-13-45", "en")).toBe("2022-13-45");
  });
});

describe("number formatters", () => {
  it("are made once per language and precision, not once per number", () => {
    const made = vi.spyOn(Intl, "NumberFormat");
    try {
      for (let i = 0; i < 50; i++) {
        formatNumber(i * 1000, "vi");
        formatAreaKm2(i, "en");
      }
      expect(made.mock.calls.length).toBeLessThanOrEqual(2);
      expect(formatNumber(1234.5, "vi")).toBe("1.234,5");
      expect(formatAreaKm2(5, "en")).toBe("5.0 km²");
    } finally {
      made.mockRestore();
    }
  });
});
