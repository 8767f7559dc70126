import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/state/format";

describe("formatDateTime", () => {
  it("puts the date first and names the time zone", () => {
    const vi = formatDateTime("2026-12-01T08:05:00Z", "vi");
    const en = formatDateTime("2026-12-01T08:05:00Z", "en");
    // the machine's zone decides the hour and its name; the date comes first in both languages
    expect(vi).toMatch(/^\d{2}\/12\/2026 \d{2}:\d{2} \S+/);
    expect(en).toMatch(/^\d{1,2} Dec 2026 \d{2}:\d{2} \S+/);
    expect(formatDateTime("not a time", "vi")).toBe("not a time");
  });
});
