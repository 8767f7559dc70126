import * as z from "zod";
import { type Rule, rule } from "../check/rules/schema-index";
import { showValue } from "../text/show-value";
import {
  EntryIds,
  type EntryProblem,
  formatEntryProblem,
  type ProblemLanguage,
  parseEntry,
  parseRoot,
} from "./entry-problems";

export { RULE_TYPES, type Rule, type RuleType, rule } from "../check/rules/schema-index";
export {
  type FeatureFilter,
  featureFilter,
  type LayerSelection,
  layerSelection,
  SEVERITIES,
  type Severity,
  severity,
} from "./rule-fields";

/** The rules file root (`layers/rules.json`); rules are validated one by one. */
export const rulesRoot = z.strictObject({
  /** Path of `rules.schema.json`, for editors; ignored here (the one key no rule reads). */
  $schema: z.string().optional(),
  version: z.literal(1),
  rules: z.array(z.unknown()),
});

/**
 * JSON Schema (draft 2020-12) of the rules file, generated from the zod schema, so editors can
 * validate and complete `layers/rules.json` as it is written (`layers/rules.schema.json`).
 */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rulesRoot.extend({ rules: z.array(rule) }), { io: "input" });
}

/** What the rules file's entries are called in messages. */
const RULE = { vi: "quy tắc", en: "rule" };

/** One problem found in a rules file; `index` is the rule's in `rules`. */
export type RuleProblem = EntryProblem;

export type RulesResult = { rules: Rule[]; problems: RuleProblem[] };

/**
 * Validates a parsed rules file. Each rule is checked on its own: a bad rule yields problems naming
 * its index, id and field and is left out; the others still load. Duplicate ids are problems too.
 * When `layerIds` is given, a rule naming a layer not in it is a problem and is left out.
 */
export function parseRules(json: unknown, layerIds?: ReadonlySet<string>): RulesResult {
  const root = parseRoot(rulesRoot, json, "(rule)");
  if (!root.data) return { rules: [], problems: root.problems };
  const rules: Rule[] = [];
  const problems: RuleProblem[] = [...root.problems];
  const ids = new EntryIds(RULE);
  root.data.rules.forEach((raw, index) => {
    const parsed = parseEntry(rule, raw, index, "(rule)");
    if (parsed.problems) {
      problems.push(...parsed.problems);
      return;
    }
    const { id } = parsed.data;
    const duplicate = ids.duplicate(id, index);
    if (duplicate) {
      problems.push(duplicate);
      return;
    }
    const unknown = layerIds
      ? referencedLayers(parsed.data).filter((l) => !layerIds.has(l.id))
      : [];
    if (unknown.length > 0) {
      for (const { field, id: layer } of unknown) {
        problems.push({
          index,
          id,
          field,
          message: {
            vi: `không có lớp ${showValue(layer)} trong danh mục: sửa id hoặc thêm lớp vào danh mục`,
            en: `unknown layer ${showValue(layer)}: correct the id or add the layer to the catalogue`,
          },
        });
      }
      return;
    }
    ids.add(id, index);
    rules.push(parsed.data);
  });
  return { rules, problems };
}

/** The layers a rule reads, with the field that names each. */
export function referencedLayers(r: Rule): { field: string; id: string }[] {
  const out = [{ field: "subject.layer", id: r.subject.layer }];
  if ("constraint" in r && r.constraint)
    out.push({ field: "constraint.layer", id: r.constraint.layer });
  return out;
}

/**
 * One line per problem: both languages for a terminal (the default), the UI's language in the app,
 * e.g. `layers/rules.json: quy tắc / rule #0 "x" severity: … / …`.
 */
export function formatRuleProblem(
  problem: RuleProblem,
  file: string,
  lang: ProblemLanguage = "both",
): string {
  return formatEntryProblem(problem, file, RULE, lang);
}
