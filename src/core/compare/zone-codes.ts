import type { PreparedLayer } from "../check/context";
import { featuresOf } from "../check/rule-data";
import type { CheckProblem } from "../check/types";
import { didYouMean } from "../text/did-you-mean";
import {
  attributeNotInLayer,
  codesMissing,
  codesReadLoosely,
  codesUnknown,
  type Side,
} from "./compare-messages";

/** Each zone's code (null: none), and what the reading has to tell. */
export type ZoneCodes = { codes: (string | null)[]; problems: CheckProblem[] };

/**
 * Reads a side's land-use attribute as the check reads a code attribute (`readCodeColumn`: "odt"
 * is ODT), but never refuses: a comparison shows what changes whatever the values are, so a value
 * that is no official code is compared as written (trimmed) and a missing one as no code, each
 * with a warning naming the zones. Only an attribute that no zone has is an error: every zone
 * would read as "no code" and the comparison would say nothing.
 */
export function readZoneCodes(layer: PreparedLayer, attribute: string, side: Side): ZoneCodes {
  const problems: CheckProblem[] = [];
  const at = (
    severity: CheckProblem["severity"],
    message: CheckProblem["message"],
    indices: readonly number[],
  ) =>
    problems.push({
      rule: null,
      severity,
      message,
      layer: layer.id,
      ...(indices.length > 0 ? { features: featuresOf(layer, indices) } : {}),
    });
  if (layer.features.length > 0 && !layer.attributeNames().has(attribute)) {
    at(
      "error",
      attributeNotInLayer(side, attribute, didYouMean(attribute, layer.attributeNames())),
      [],
    );
    return { codes: layer.features.map(() => null), problems };
  }
  const column = layer.codeColumn(attribute);
  const codes = [...column.codes];
  const unknown: number[] = [];
  for (const [written, indices] of column.unknown) {
    const value = written.trim();
    for (const index of indices) {
      codes[index] = value === "" ? null : value;
      unknown.push(index);
    }
  }
  if (column.missing.length > 0) {
    at("warning", codesMissing(side, attribute, column.missing.length), column.missing);
  }
  if (unknown.length > 0) {
    unknown.sort((a, b) => a - b);
    const values = [...column.unknown.keys()];
    at("warning", codesUnknown(side, attribute, values, unknown.length), unknown);
  }
  if (column.near.size > 0) {
    const near = [...column.near.values()].flat().sort((a, b) => a - b);
    at("warning", codesReadLoosely(side, attribute, near.length), near);
  }
  return { codes, problems };
}
