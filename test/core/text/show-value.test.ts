import { describe, expect, it } from "vitest";
import { formatEntryProblem } from "../../../src/core/catalog/entry-problems";
import { parseRules } from "../../../src/core/catalog/rules-schema";
import { didYouMean } from "../../../src/core/text/did-you-mean";
import { showText, showValue } from "../../../src/core/text/show-value";
import { parseJsonText } from "../../../src/core/validate/json-text";
import type { ValidationIssue } from "../../../src/core/validate/validation-issue";

/*
 * One way to quote text from a file in a message: short, on one line, with nothing that can
 * reorder the terminal text around it. Three helpers used to do this, two of them letting
 * bidirectional overrides through.
 */

const RLO = "\u202e";

describe("showText and showValue", () => {
  it("escape line breaks, quotes and invisible characters; cut long text", () => {
    expect(showText(`a\nb"${RLO}`)).toBe('a\\nb\\"\\u202e');
    expect(showValue(`a\nb"${RLO}`)).toBe('"a\\nb\\"\\u202e"');
    expect(showText("x".repeat(100))).toBe(`${"x".repeat(60)}…`);
    expect(showValue(["a", 1])).toBe('["a",1]');
  });
});

describe("messages quoting data", () => {
  it("a did-you-mean suggestion from a file cannot carry a bidirectional override", () => {
    const hint = didYouMean(`odt${RLO}`, [`ODT${RLO}`]);
    expect(hint.en).toBe(' (did you mean "ODT\\u202e"?)');
    expect(hint.vi).not.toContain(RLO);
  });

  it("an unknown key in the rules file is shown escaped in its field and message", () => {
    const rule = {
      id: "r",
      type: "valid-geometry",
      title: { vi: "a", en: "a" },
      description: { vi: "a", en: "a" },
      severity: "error",
      subject: { layer: "zones" },
      [`bad${RLO}`]: 1,
    };
    const [problem] = parseRules({ version: 1, rules: [rule] }).problems;
    expect(problem?.field).toBe("bad\\u202e");
    for (const text of [problem?.message.vi, problem?.message.en]) {
      expect(text).toContain('"bad\\u202e"');
      expect(text).not.toContain(RLO);
    }
  });

  it("a JSON syntax error at an invisible character names it escaped", () => {
    const parsed = parseJsonText(`{"a": 1}${RLO}`, "x.geojson");
    expect(parsed.ok).toBe(false);
    const { message } = (parsed as { issue: ValidationIssue }).issue;
    expect(message.en).toContain('unexpected "\\u202e" after the end of the JSON value');
    expect(message.vi).not.toContain(RLO);
  });

  it("the id of an entry that failed validation is quoted on one line", () => {
    const line = formatEntryProblem(
      { index: 0, id: "a\nb", field: "severity", message: { vi: "sai", en: "bad" } },
      "rules.json",
      { vi: "quy tắc", en: "rule" },
    );
    expect(line).toBe('rules.json: quy tắc / rule #0 "a\\nb" severity: sai / bad');
  });
});
