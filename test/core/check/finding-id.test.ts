import { describe, expect, it } from "vitest";
import { findingId, fnv1a64 } from "../../../src/core/check/finding-id";

/** Reference FNV-1a 64 with BigInt, straight from the definition. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

describe("fnv1a64", () => {
  it("matches the published test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("matches a BigInt implementation on varied strings", () => {
    for (const text of ["Quận Ba Đình", "no-overlap\u0000Z000001\u0000RL-0001", "x".repeat(500)]) {
      expect(fnv1a64(text)).toBe(reference(text));
    }
  });
});

describe("findingId", () => {
  it("is the hash of the parts joined by NUL, and separates its parts", () => {
    expect(findingId("r", "a", "b")).toBe(reference("r\u0000a\u0000b"));
    expect(findingId("no-overlap", "Z000001", "RL-0001")).toBe(
      reference("no-overlap\u0000Z000001\u0000RL-0001"),
    );
    expect(findingId("r", "ab", "")).not.toBe(findingId("r", "a", "b"));
    expect(findingId("r", "a", null)).toBe(findingId("r", "a", ""));
    expect(findingId("r", "a", "b")).toMatch(/^[0-9a-f]{16}$/);
  });
});
