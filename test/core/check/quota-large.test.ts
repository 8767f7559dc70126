import { describe, expect, it } from "vitest";
import {
  finalizeQuota,
  type QuotaAccumulator,
  type QuotaPart,
} from "../../../src/core/check/rules/quota/finalize";
import { QUOTA_RULE } from "../../cli/generated-plans";

const text = { vi: "Chỉ tiêu", en: "Quota" };
const rule = QUOTA_RULE; // targets: the city and district 003, never met

/** Contributions of zones `from`…`to − 1`: the whole city and one of 30 districts each, 1 ha. */
function parts(from: number, to: number): QuotaPart[] {
  const out: QuotaPart[] = [];
  for (let subject = from; subject < to; subject++) {
    const district = String(subject % 30).padStart(3, "0");
    out.push({ subject, district: null, squareMeters: 10_000 });
    out.push({ subject, district, squareMeters: 10_000 });
  }
  return out;
}

const accumulator = (p: QuotaPart[]): QuotaAccumulator => ({
  rule,
  prevailing: null,
  message: text,
  parts: p,
});

describe("finalizeQuota on a large plan split between threads", () => {
  // 150 000 zones checked by two threads: each thread's accumulator holds ~150 000 contributions.
  // Merging them with push(...parts) passed them all as arguments and overflowed the call stack.
  it("merges 300 000 contributions per thread and gives the single-thread sums", () => {
    const zones = 300_000;
    const split = finalizeQuota([
      accumulator(parts(0, zones / 2)),
      accumulator(parts(zones / 2, zones)),
    ]);
    const single = finalizeQuota([accumulator(parts(0, zones))]);
    expect(split).toEqual(single);
    expect(split.map((f) => [f.group?.district ?? "city", f.measures.actualHectares])).toEqual([
      ["city", zones],
      ["003", zones / 30],
    ]);
  });
});
