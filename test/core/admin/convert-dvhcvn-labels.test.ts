import { describe, expect, it } from "vitest";
import { convertDvhcvn } from "../../../src/core/admin/convert-dvhcvn";
import { formatIssue } from "../../../src/core/validate/validation-issue";
import { readAdminFixture } from "./shared-data";

describe("convertDvhcvn: units named as messages quote data", () => {
  it("a unit's name from the file is quoted escaped and short", () => {
    const source = readAdminFixture("dvhcvn-bad.json") as { level2s: { name: string }[] };
    const unit = source.level2s[1] as { name: string };
    unit.name = `Huyện\u202e ${"x".repeat(5000)}`;
    const { issues } = convertDvhcvn(source, "bad.json");
    const [line] = issues.map(formatIssue);
    expect(issues[0]?.featureLabel).toBe(`name "Huyện\\u202e ${"x".repeat(53)}…"`);
    expect(line).not.toContain("\u202e");
    expect(line?.length).toBeLessThan(600);
  });

  it("a name the unit type cannot be read from is quoted on one line", () => {
    const source = readAdminFixture("dvhcvn-bad.json") as { level2s: { name: string }[] };
    (source.level2s[2] as { name: string }).name = "Phường\nLạ";
    const issue = convertDvhcvn(source, "bad.json").issues.find(
      (i) => i.code === "unknown-district-type",
    );
    expect(issue?.message.en).toBe(
      'name "Phường\\nLạ" does not start with Quận, Huyện, Thị xã or Thành phố',
    );
  });
});
