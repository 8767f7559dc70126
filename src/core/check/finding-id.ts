/**
 * FNV-1a 64-bit hash of a string's UTF-16 code units, as 16 hex digits. Computed on four 16-bit limbs
 * so it needs no BigInt; 64 bits keep collisions negligible for the tens of thousands of findings of
 * a run (32 bits would collide in about one run in a hundred).
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325, as 16-bit limbs from least significant
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // h × 0x100000001b3 mod 2^64 = h × 0x1b3 + (h << 40), limb by limb with carries
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * Stable id of a finding: the same rule, features (and problem kind) give the same id on every run,
 * so reviewers can track a conflict from one draft of the plan to the next.
 */
export function findingId(ruleId: string, ...parts: (string | null)[]): string {
  // join writes a null part as an empty string
  return fnv1a64([ruleId, ...parts].join("\u0000"));
}
