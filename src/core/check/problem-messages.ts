import type { Rule } from "../catalog/rules-schema";
import type { LocalizedText } from "../catalog/schema";

/*
 * What the engine says when it leaves a rule out or cannot name a prevailing plan, in both UI
 * languages: the app shows the user's language, the CLI prints both. Layer and rule ids stay as
 * written in the catalogue, quoted.
 */

const quoted = (ids: readonly string[], and: string) => ids.map((id) => `"${id}"`).join(and);

export function layersNotLoaded(rule: Rule, missing: readonly string[]): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": chưa nạp lớp ${quoted(missing, ", ")}`,
    en: `rule "${rule.id}" skipped: layer ${quoted(missing, ", ")} not loaded`,
  };
}

export function layerNotInCatalogue(rule: Rule, layer: string): LocalizedText {
  return {
    vi: `Lớp "${layer}" không có trong danh mục: các phát hiện của quy tắc "${rule.id}" không nêu được quy hoạch cấp trên`,
    en: `layer "${layer}" is not in the catalogue: findings of rule "${rule.id}" name no prevailing plan`,
  };
}

export function layersNotPolygonal(
  rule: Rule,
  layers: readonly { role: "subject" | "constraint"; id: string }[],
): LocalizedText {
  const vi = layers
    .map(({ role, id }) => `${role === "subject" ? "lớp đối tượng" : "lớp ràng buộc"} "${id}"`)
    .join(" và ");
  const en = layers.map(({ role, id }) => `${role} layer "${id}"`).join(" and ");
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": ${vi} phải là lớp vùng (polygon) với loại quy tắc ${rule.type}`,
    en: `rule "${rule.id}" skipped: its ${en} must be polygons (${rule.type})`,
  };
}

export function districtsNotGiven(rule: Rule): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": quy tắc tính theo lớp ranh giới quận, huyện nhưng lớp này chưa được nạp`,
    en: `rule "${rule.id}" skipped: it groups by the district layer, which was not given`,
  };
}

/** A rule whose set-up threw; `reason` is the error's own (technical, untranslated) text. */
export function ruleSetupFailed(rule: Rule, reason: string): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": không chuẩn bị được (${reason})`,
    en: `rule "${rule.id}" skipped: ${reason}`,
  };
}
