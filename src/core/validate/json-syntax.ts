import { showValue } from "../text/show-value";
import type { Bilingual } from "./validation-issue";

/** Where JSON text stops being JSON, and what was expected there. */
export type JsonSyntaxError = { at: number; problem: Bilingual };

/**
 * What the scanner waits for next. "value-or-close" follows `[`, "key-or-close" follows `{`;
 * "value" and "key" follow a comma, where a closing bracket would be a trailing comma.
 */
type Expect =
  | "value"
  | "value-or-close"
  | "key"
  | "key-or-close"
  | "colon"
  | "comma-or-close"
  | "end";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /[0-9a-fA-F]{4}/y;

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** End of the string whose opening quote is at `start`, or the error inside it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "u") {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) {
          return {
            at: i,
            problem: {
              vi: "\\u phải có đúng 4 chữ số thập lục phân",
              en: "\\u must be followed by 4 hexadecimal digits",
            },
          };
        }
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) {
        return {
          at: i,
          problem: {
            vi: `chuỗi chứa dãy thoát không hợp lệ \\${next ?? ""}`,
            en: `invalid escape \\${next ?? ""} in a string`,
          },
        };
      }
      i += 2;
      continue;
    }
    if (c < " ") {
      return {
        at: i,
        problem: {
          vi: `ký tự điều khiển ${showValue(c)} trong chuỗi (có thể thiếu dấu " đóng chuỗi)`,
          en: `control character ${showValue(c)} inside a string (a closing " may be missing)`,
        },
      };
    }
    i++;
  }
  return {
    at: start,
    problem: { vi: 'chuỗi không có dấu " đóng', en: 'a string is never closed with "' },
  };
}

function unexpected(text: string, at: number, expectedVi: string, expectedEn: string) {
  const c = text[at];
  const found = c === undefined ? null : showValue(c);
  return {
    at,
    problem: found
      ? {
          vi: `gặp ${found}, cần ${expectedVi}`,
          en: `found ${found} where ${expectedEn} was expected`,
        }
      : {
          vi: `tệp kết thúc giữa chừng, còn cần ${expectedVi}`,
          en: `the text ends early; ${expectedEn} was expected`,
        },
  };
}

/**
 * Finds the first place where `text` is not JSON (RFC 8259) and says what was expected there.
 * JSON.parse says it too, but in English only, with an excerpt of any length and, in Node 20,
 * without a line. Iterative, so deeply nested input cannot overflow the stack. Returns null when
 * the text is JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ("{" | "[")[] = [];
  let expect: Expect = "value";
  let i = 0;
  const afterValue = (): Expect => (stack.length === 0 ? "end" : "comma-or-close");
  while (true) {
    while (i < text.length && isSpace(text[i] as string)) i++;
    const c = text[i];
    if (expect === "end") {
      if (c === undefined) return null;
      return {
        at: i,
        problem: {
          vi: `còn nội dung ${showValue(c)} sau khi giá trị JSON đã kết thúc`,
          en: `unexpected ${showValue(c)} after the end of the JSON value`,
        },
      };
    }
    const top = stack[stack.length - 1];
    const close = top === "{" ? "}" : "]";
    switch (expect) {
      case "colon":
        if (c !== ":") return unexpected(text, i, 'dấu ":"', 'a ":"');
        i++;
        expect = "value";
        continue;
      case "comma-or-close":
        if (c === ",") {
          i++;
          expect = top === "{" ? "key" : "value";
          continue;
        }
        if (c === close) {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        return unexpected(text, i, `dấu "," hoặc "${close}"`, `"," or "${close}"`);
      case "key":
      case "key-or-close": {
        if (c === "}" && expect === "key-or-close") {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c !== '"') {
          if (c === "}") {
            return {
              at: i,
              problem: { vi: 'dấu "," thừa trước "}"', en: 'a trailing "," before "}"' },
            };
          }
          return unexpected(
            text,
            i,
            "tên thuộc tính trong dấu nháy kép",
            "a property name in double quotes",
          );
        }
        const end = scanString(text, i);
        if (typeof end !== "number") return end;
        i = end;
        expect = "colon";
        continue;
      }
      default: {
        if (c === "]" && expect === "value-or-close") {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === "]" && top === "[") {
          return {
            at: i,
            problem: { vi: 'dấu "," thừa trước "]"', en: 'a trailing "," before "]"' },
          };
        }
        if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "key-or-close" : "value-or-close";
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expect = afterValue();
          continue;
        }
        const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          expect = afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (c !== undefined && NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          expect = afterValue();
          continue;
        }
        return unexpected(text, i, "một giá trị JSON", "a JSON value");
      }
    }
  }
}
