import type { LayerEntry, LocalizedText, PlanLevel } from "../catalog/schema";
import type { Prevailing } from "./types";

/**
 * Rank of a plan level for conflicts, lower prevails: the order of `PLAN_LEVELS` in
 * `catalog/schema.ts` (a test keeps the two in step), written out here so the engine does not load
 * zod at run time (a Worker bundle is ~450 KB smaller). The administrative base ("district") is not a
 * plan, but its boundaries bind every plan drawn within them, so a rule checking against it makes it
 * prevail.
 */
export const LEVEL_RANK: Readonly<Record<PlanLevel, number>> = {
  national: 0,
  sector: 1,
  regional: 2,
  city: 3,
  district: -1,
};

/**
 * The plan that prevails between a rule's subject and constraint layers: the higher level under the
 * Law on Planning (art. 6: the lower plan is adjusted); on a tie the constraint, which the rule names
 * as the reference. Null when the constraint is not in the catalogue.
 */
export function prevailingEntry(
  subject: LayerEntry | undefined,
  constraint: LayerEntry | undefined,
): LayerEntry | null {
  if (!constraint) return null;
  if (subject && LEVEL_RANK[subject.level] < LEVEL_RANK[constraint.level]) return subject;
  return constraint;
}

/** The fields of a catalogue entry a finding cites. */
export function toPrevailing(entry: LayerEntry): Prevailing {
  return {
    layerId: entry.id,
    title: entry.title,
    level: entry.level,
    legalBasis: entry.legalBasis,
  };
}

const LEVEL_NAMES: Record<PlanLevel, LocalizedText> = {
  national: { vi: "Quy hoạch cấp quốc gia", en: "The national plan" },
  sector: { vi: "Quy hoạch ngành quốc gia", en: "The national sector plan" },
  regional: { vi: "Quy hoạch vùng", en: "The regional plan" },
  city: { vi: "Quy hoạch thành phố", en: "The city plan" },
  district: { vi: "Lớp ranh giới hành chính", en: "The administrative boundary layer" },
};

/**
 * "The city plan («zoning») must be adjusted to conform to «national land use» (39/2021/QH15 of
 * 2021-11-13)." in Vietnamese and English: the lower plan is the one to change.
 */
export function adjustmentMessage(
  lower: LayerEntry | undefined,
  prevailing: LayerEntry | null,
): LocalizedText {
  if (!prevailing) {
    const vi = lower ? `«${lower.title.vi}» phải được sửa.` : "Dữ liệu phải được sửa.";
    const en = lower ? `"${lower.title.en}" must be corrected.` : "The data must be corrected.";
    return { vi, en };
  }
  const basis = prevailing.legalBasis;
  const name = lower
    ? LEVEL_NAMES[lower.level]
    : { vi: "Quy hoạch cấp dưới", en: "The lower plan" };
  const vi = `${name.vi}${lower ? ` («${lower.title.vi}»)` : ""} phải được điều chỉnh cho phù hợp với «${prevailing.title.vi}» (${basis.instrument} ngày ${basis.date.split("-").reverse().join("/")}).`;
  const en = `${name.en}${lower ? ` ("${lower.title.en}")` : ""} must be adjusted to conform to "${prevailing.title.en}" (${basis.instrument} of ${basis.date}).`;
  return { vi, en };
}
