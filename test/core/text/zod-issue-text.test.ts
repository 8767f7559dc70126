import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  issueText,
  parseShowingIssues,
  schemaMessage,
} from "../../../src/core/text/zod-issue-text";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = parseShowingIssues(schema, value);
  if (parsed.success) throw new Error("expected issues");
  return parsed.error.issues;
};

describe("issueText", () => {
  it("words zod's own issues with each of zod's locales, from the issue's input", () => {
    const [issue] = issuesOf(z.object({ n: z.number() }), { n: [1] });
    if (!issue) throw new Error("expected an issue");
    expect(issueText(issue)).toEqual({
      vi: "Đầu vào không hợp lệ: mong đợi số, nhận được mảng",
      en: "Invalid input: expected number, received array",
    });
  });

  it("gives a schema's own message in both languages", () => {
    const text = { vi: "phải là số chẵn", en: "must be even (zod-issue-text test)" };
    const even = z.number().refine((n) => n % 2 === 0, schemaMessage(text));
    const [issue] = issuesOf(even, 3);
    if (!issue) throw new Error("expected an issue");
    expect(issue.message).toBe(text.en);
    expect(issueText(issue)).toEqual(text);
  });

  it("keeps a schema's message written without schemaMessage, with zod's Vietnamese", () => {
    const [issue] = issuesOf(z.string().min(3, "too short (plain)"), "ab");
    if (!issue) throw new Error("expected an issue");
    expect(issueText(issue)).toEqual({
      vi: "Quá nhỏ: mong đợi string có >=3 ký tự",
      en: "too short (plain)",
    });
  });

  it("says a bad record key as the key's own check does", () => {
    const text = { vi: "mã không có", en: "unknown code (zod-issue-text test)" };
    const codes = z.record(
      z.string().refine((k) => k === "ODT", schemaMessage(text)),
      z.number(),
    );
    const [issue] = issuesOf(codes, { XYZ: 1 });
    if (!issue) throw new Error("expected an issue");
    // before: "Invalid key in record", in English only
    expect(issue.path).toEqual(["XYZ"]);
    expect(issueText(issue)).toEqual(text);
  });
});

describe("schemaMessage", () => {
  it("refuses a second Vietnamese text for the same English one", () => {
    schemaMessage({ vi: "một", en: "one (zod-issue-text test)" });
    expect(() => schemaMessage({ vi: "một", en: "one (zod-issue-text test)" })).not.toThrow();
    expect(() => schemaMessage({ vi: "khác", en: "one (zod-issue-text test)" })).toThrow(
      /two Vietnamese texts/,
    );
  });
});
