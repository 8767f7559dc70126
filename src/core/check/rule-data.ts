import type { Rule } from "../catalog/rules-schema";
import type { LocalizedText } from "../catalog/schema";
import { OFFICIAL_CODES } from "../plan/official-land-use-codes";
import { didYouMean } from "../text/did-you-mean";
import type { Engine, PreparedLayer } from "./context";
import {
  type CodeColumn,
  columnHasErrors,
  filterHoldsCodes,
  type ValueGroups,
} from "./land-use-attribute";
import {
  attributeNotInLayer,
  codeMissing,
  codeReadLoosely,
  codeUnknown,
  moreCodesReadLoosely,
  moreCodesUnknown,
  notALandUseCode,
  valueInNoFeature,
} from "./problem-messages";
import type { AttributeRead } from "./rules/types";
import type { CheckProblem, ProblemFeatures } from "./types";

/*
 * Checks of the data against the rules, before a rule runs: a rule naming an attribute, a value or
 * a district the data does not have would match nothing and pass without a word. Pure, in the
 * engine, so the app's workers and the CLI report the same problems.
 */

/** An attribute a rule reads (its filters', its type's), with the layer holding it. */
type AttributeUse = Omit<AttributeRead, "layer"> & { layer: PreparedLayer };

function attributeUses(
  rule: Rule,
  engine: Engine,
  reads: readonly AttributeRead[],
): AttributeUse[] {
  const layer = (id: string) => engine.layers.get(id) as PreparedLayer;
  const uses: AttributeUse[] = [];
  const selections = [{ role: "subject", selection: rule.subject }];
  if ("constraint" in rule && rule.constraint && "filter" in rule.constraint) {
    selections.push({ role: "constraint", selection: rule.constraint });
  }
  for (const { role, selection } of selections) {
    const filter = selection.filter;
    if (!filter) continue;
    uses.push({
      layer: layer(selection.layer),
      attribute: filter.attribute,
      field: `${role}.filter.attribute`,
      values: filter.in,
      valuesField: `${role}.filter.in`,
      codes: filterHoldsCodes(filter),
    });
  }
  for (const read of reads) {
    uses.push({ ...read, layer: layer(read.layer) });
  }
  return uses;
}

/** The values of an attribute in a layer, as text (absent and null left out). */
export function valuesOf(layer: PreparedLayer, attribute: string): Set<string> {
  const out = new Set<string>();
  for (const f of layer.features) {
    const v = f.properties?.[attribute];
    if (v !== undefined && v !== null) out.add(String(v));
  }
  return out;
}

/** What the data checks found for one rule. */
export type RuleDataCheck = {
  problems: CheckProblem[];
  /** The rule must not run: some data it reads cannot be matched. */
  blocked: boolean;
  /** Land-use code attributes the rule reads (of layers with features). */
  columns: { layer: PreparedLayer; attribute: string }[];
};

/**
 * Checks the attributes and filter values of one rule, and the attributes its type reads (`reads`:
 * a matrix's keys, a district attribute; its module's `attributes`), against the data. A layer without features has nothing to check. Problems about a code attribute's values
 * are the layer's, shared by every rule reading it: see {@link codeColumnProblems}.
 */
export function checkRuleData(
  rule: Rule,
  engine: Engine,
  reads: readonly AttributeRead[] = [],
): RuleDataCheck {
  const problems: CheckProblem[] = [];
  const columns: RuleDataCheck["columns"] = [];
  let blocked = false;
  const error = (message: LocalizedText, layer: string) => {
    problems.push({ rule: rule.id, severity: "error", message, layer });
    blocked = true;
  };
  for (const use of attributeUses(rule, engine, reads)) {
    const { layer, attribute } = use;
    if (layer.features.length === 0) continue;
    const names = layer.attributeNames();
    if (!names.has(attribute)) {
      const hint = didYouMean(attribute, names);
      error(attributeNotInLayer(rule, use.field, attribute, layer.id, hint), layer.id);
      continue;
    }
    if (use.codes) {
      for (const value of use.values) {
        if (typeof value === "string" && OFFICIAL_CODES.includes(value)) continue;
        const hint = didYouMean(String(value), OFFICIAL_CODES);
        problems.push({
          rule: rule.id,
          severity: "error",
          message: notALandUseCode(rule, use.valuesField, String(value), hint),
        });
        blocked = true;
      }
      columns.push({ layer, attribute });
      if (columnHasErrors(layer.codeColumn(attribute))) blocked = true;
      continue;
    }
    if (use.values.length === 0) continue;
    // Not codes: a value no feature has may be a slip, or a class this data lacks; the rule runs.
    const present = valuesOf(layer, attribute);
    for (const value of use.values) {
      if (present.has(String(value))) continue;
      const hint = didYouMean(String(value), present);
      problems.push({
        rule: rule.id,
        severity: "warning",
        message: valueInNoFeature(rule, use.valuesField, String(value), attribute, layer.id, hint),
        layer: layer.id,
      });
    }
  }
  return { problems, blocked, columns };
}

/** First features named by a problem. */
const FIRST_FEATURES = 5;

/** Features of a layer a problem is about: how many, and the first few by index and id. */
export function featuresOf(layer: PreparedLayer, indices: readonly number[]): ProblemFeatures {
  return {
    total: layer.features.length,
    count: indices.length,
    first: indices
      .slice(0, FIRST_FEATURES)
      .map((index) => ({ index, id: layer.ids[index] as string })),
  };
}

/**
 * Distinct values of a code attribute told one by one, per kind (no code, read loosely): a layer
 * whose every feature holds another bad value gets this many problems and one for the rest, not
 * one per feature (200 000 of them overflowed the stack and would flood the terminal and the app).
 */
const VALUES_TOLD = 10;

/** The groups after the first VALUES_TOLD: how many values, and their features in layer order. */
function restOf(groups: ValueGroups): { values: number; indices: number[] } | null {
  if (groups.size <= VALUES_TOLD) return null;
  const indices: number[] = [];
  let k = 0;
  for (const group of groups.values()) {
    if (k++ < VALUES_TOLD) continue;
    for (const index of group) indices.push(index);
  }
  indices.sort((a, b) => a - b);
  return { values: groups.size - VALUES_TOLD, indices };
}

/**
 * The problems of a code attribute's values, once for every rule reading it (`rules`): values read
 * as a code only once tidied are warnings; missing values and values that are no code are errors
 * (the rules did not run). The first VALUES_TOLD values of each kind are named, the rest counted.
 */
export function codeColumnProblems(
  layer: PreparedLayer,
  attribute: string,
  rules: readonly string[],
): CheckProblem[] {
  const column: CodeColumn = layer.codeColumn(attribute);
  const problems: CheckProblem[] = [];
  const at = (severity: CheckProblem["severity"], message: LocalizedText, indices: number[]) =>
    problems.push({
      rule: null,
      severity,
      message,
      layer: layer.id,
      features: featuresOf(layer, indices),
    });
  if (column.missing.length > 0) {
    at("error", codeMissing(layer.id, attribute, column.missing.length, rules), column.missing);
  }
  let told = 0;
  for (const [value, indices] of column.unknown) {
    if (told++ === VALUES_TOLD) break;
    const hint = didYouMean(value, OFFICIAL_CODES);
    at("error", codeUnknown(layer.id, attribute, value, indices.length, hint, rules), indices);
  }
  const unknownRest = restOf(column.unknown);
  if (unknownRest) {
    const { values, indices } = unknownRest;
    at("error", moreCodesUnknown(layer.id, attribute, values, indices.length, rules), indices);
  }
  told = 0;
  for (const [value, indices] of column.near) {
    if (told++ === VALUES_TOLD) break;
    const code = column.codes[indices[0] as number] as string;
    at(
      "warning",
      codeReadLoosely(layer.id, attribute, value, code, indices.length, rules),
      indices,
    );
  }
  const nearRest = restOf(column.near);
  if (nearRest) {
    const { values, indices } = nearRest;
    at(
      "warning",
      moreCodesReadLoosely(layer.id, attribute, values, indices.length, rules),
      indices,
    );
  }
  return problems;
}
