import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../../src/core/validate/json-syntax";
import {
  excerptAround,
  MAX_JSON_TEXT_BYTES,
  parseJsonBytes,
  parseJsonText,
} from "../../../src/core/validate/json-text";
import { decodeUtf8, firstInvalidUtf8 } from "../../../src/core/validate/utf8";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === "string" ? [...new TextEncoder().encode(part)] : part,
    ),
  );

/** The issue's English message, or null when the text parsed. */
function englishProblem(text: string): string | null {
  const parsed = parseJsonText(text, "f.json");
  return parsed.ok ? null : parsed.issue.message.en;
}

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    expect(decodeUtf8(bytes("Hà Nội"), "f")).toEqual({ ok: true, text: "Hà Nội" });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "{}"), "f")).toEqual({ ok: true, text: "{}" });
  });

  it('refuses "OD\\xffT" instead of reading "OD\uFFFDT", naming line, column and byte', () => {
    const input = bytes('{\n  "code": "OD', [0xff], 'T"\n}');
    const result = decodeUtf8(input, "zones.geojson");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue).toMatchObject({
      file: "zones.geojson",
      code: "not-utf8",
      featureIndex: null,
    });
    expect(result.issue.message.en).toBe(
      "is not valid UTF-8 text: 0xFF at line 2, column 14 (byte offset 15); save the file as UTF-8 (it may be in Windows-1258 or TCVN3)",
    );
    expect(result.issue.message.vi).toContain("dòng 2, cột 14 (byte thứ 15)");
  });

  it("counts columns in characters, as editors do", () => {
    // "Hà Nội " is 7 characters but 10 bytes; the bad byte is the 8th character of line 1
    const result = decodeUtf8(bytes("Hà Nội ", [0xc3, 0x28]), "f");
    expect(result.ok ? "" : result.issue.message.en).toContain(
      "0xC3 at line 1, column 8 (byte offset 10)",
    );
  });

  it("finds overlong forms, surrogates, truncated sequences and code points above U+10FFFF", () => {
    expect(firstInvalidUtf8(bytes("ok"))).toBe(-1);
    expect(firstInvalidUtf8(bytes("ab", [0xc0, 0xaf]))).toBe(2); // overlong "/"
    expect(firstInvalidUtf8(bytes("a", [0xed, 0xa0, 0x80]))).toBe(1); // a UTF-16 surrogate
    expect(firstInvalidUtf8(bytes("a", [0xe1, 0xba]))).toBe(1); // cut inside "ạ"
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes("ạ😀", [0x80]))).toBe(7); // a stray continuation byte
  });

  it("recognises UTF-16 text and says so", () => {
    const result = decodeUtf8(bytes([0xff, 0xfe, 0x7b, 0x00]), "f");
    expect(result.ok ? "" : result.issue.message.en).toContain(
      "looks like UTF-16; save it as UTF-8",
    );
  });
});

describe("parseJsonText", () => {
  it("parses JSON, with or without a byte-order mark", () => {
    expect(parseJsonText('\ufeff{"a": [1, 2]}', "f")).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it("gives line, column, what was expected and a short excerpt", () => {
    expect(englishProblem('{\n  "a": 1\n  "b": 2\n}')).toBe(
      'is not valid JSON at line 3, column 3: found "\\"" where "," or "}" was expected (near «{\\n  "a": 1\\n  ▶"b": 2\\n}»)',
    );
    expect(englishProblem("[1, 2,]")).toContain('line 1, column 7: a trailing "," before "]"');
    expect(englishProblem('{"a": 1,}')).toContain('a trailing "," before "}"');
    expect(englishProblem("Khu A; Khu B")).toContain(
      'line 1, column 1: found "K" where a JSON value was expected',
    );
    expect(englishProblem('{"a": ')).toContain("the text ends early; a JSON value was expected");
    expect(englishProblem('{"a": "x')).toContain('a string is never closed with "');
    expect(englishProblem('"\\q"')).toContain("invalid escape \\q");
    expect(englishProblem("[1] 2")).toContain('unexpected "2" after the end of the JSON value');
    expect(englishProblem("   ")).toBe("the file is empty");
  });

  it("keeps the excerpt within 40 characters of the file and escapes control characters", () => {
    const secret = "S".repeat(5000);
    const text = `{"token": "${secret}", "x": tru}`;
    const problem = englishProblem(text) ?? "";
    const excerpt = problem.match(/«(.*)»/)?.[1] ?? "";
    expect(excerpt.replace(/[…▶]/g, "").length).toBeLessThanOrEqual(40);
    expect(problem.length).toBeLessThan(200);
    expect(problem).not.toContain("S".repeat(41));
    expect(excerptAround("a\u0000b\u202ec\td", 2)).toBe("a\\u0000▶b\\u202ec\\td");
    // a surrogate pair is never cut in half at the excerpt's edges
    const emoji = `${"😀".repeat(30)}x`;
    expect(excerptAround(emoji, 40)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("agrees with JSON.parse on what is JSON", () => {
    const valid = ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', "[]", ' "x" ', "0", "[[[[]]]]"];
    for (const text of valid) expect(findJsonSyntaxError(text)).toBeNull();
    const invalid = ["01", "[1,]", "{a:1}", "'x'", "[1 2]", "-", "1.", '"\t"', "nul", "{}}"];
    for (const text of invalid) {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxError(text), text).not.toBeNull();
    }
  });

  it("scans deeply nested text without overflowing the stack", () => {
    const deep = `${"[".repeat(200_000)}1${"]".repeat(199_999)}`;
    expect(englishProblem(deep)).toContain("the text ends early");
  });
});

describe("parseJsonBytes", () => {
  it("decodes strictly, then parses", () => {
    expect(parseJsonBytes(bytes('{"code":"ODT"}'), "f")).toEqual({
      ok: true,
      value: { code: "ODT" },
    });
    const bad = parseJsonBytes(bytes('{"code":"OD', [0xff], 'T"}'), "f");
    expect(bad.ok ? null : bad.issue.code).toBe("not-utf8");
  });

  it("refuses text longer than V8 can hold, with the caller's advice", () => {
    // The size is checked before a byte is decoded: a small array that reports the length of a
    // too-large file stands in for one, without allocating half a gigabyte in a test.
    const huge = Object.defineProperty(new Uint8Array(0), "length", {
      value: MAX_JSON_TEXT_BYTES + 1,
    });
    const result = parseJsonBytes(huge, "big.geojson", {
      vi: "dùng FlatGeobuf",
      en: "use FlatGeobuf",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue.code).toBe("too-large");
    expect(result.issue.message.en).toBe(
      "the JSON file is 512.0 MiB, over the 512.0 MiB of text JavaScript can hold (V8's maximum string length); use FlatGeobuf",
    );
  });
});
