import { describe, expect, it } from "vitest";
import { formatMoment } from "../../src/state/format-moment";

describe("formatMoment", () => {
  it("shows an event's time as a reviewer reads it, in the given time zone", () => {
    const at = "2026-12-05T07:30:00.000Z";
    const vi = formatMoment(at, "vi", "Asia/Ho_Chi_Minh");
    expect(vi).toContain("05/12/2026");
    expect(vi).toContain("14:30");
    const en = formatMoment(at, "en", "UTC");
    expect(en).toContain("05/12/2026");
    expect(en).toContain("07:30");
  });

  it("gives unreadable input back unchanged", () => {
    expect(formatMoment("hôm qua", "vi")).toBe("hôm qua");
  });
});
