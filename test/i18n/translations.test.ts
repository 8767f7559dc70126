import { describe, expect, it } from "vitest";
import en from "../../src/i18n/en.json";
import vi from "../../src/i18n/vi.json";

/** Every leaf of a nested translation file as "a.b.c" → text. */
function leaves(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== "object" || tree === null) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: unknown) =>
  [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translation files", () => {
  const viLeaves = leaves(vi);
  const enLeaves = leaves(en);

  it("have exactly the same keys", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
  });

  it("hold only non-empty strings", () => {
    for (const [key, value] of [...viLeaves, ...enLeaves]) {
      expect(typeof value === "string" && value.trim() !== "", key).toBe(true);
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of viLeaves) {
      expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(text));
    }
  });
});
