import type { ParseKeys } from "i18next";
import type { Rule } from "../../catalog/rules-schema";
import type { LocalizedText } from "../../catalog/schema";
import type { Engine } from "../context";
import type { CheckInput, Finding } from "../types";

/*
 * What a rule type is made of. Each type lives in its folder `rules/<type>/`:
 *   schema.ts      the rule as the catalogue reads it (zod; listed in `schema-index.ts`)
 *   descriptor.ts  what it reads and what its findings say ({@link RuleDescriptor}; `descriptors.ts`)
 *   check.ts       the in-process check ({@link RuleModule}; `index.ts`)
 *   sql.ts         the same check in PostGIS (`RuleSql`; `sql-index.ts`)
 * Four lists, one line each, because they go into different bundles: the check worker must not
 * carry zod nor SQL, the app's panel not the engine. Each list is typed by `RuleType`, so a type
 * missing from one is a compile error.
 */

/**
 * What a rule gathered over the subjects one partition visited, to turn into findings once every
 * partition is in ({@link RuleDescriptor.finalize}). Plain data: workers send it back.
 */
export type RuleAccumulator = { rule: Rule };

/** A rule bound to prepared layers: one unit of work per subject feature. */
export type RuleChecker = {
  /** Indices of the subject features to visit. */
  subjects: number[];
  /** Checks one subject feature, appending findings; never throws on bad data. */
  check(subjectIndex: number, out: Finding[]): void;
  /** What the features visited so far added up to (merged across partitions by `finalize`). */
  accumulator?: () => RuleAccumulator;
};

/** One rule type: binds a rule to the engine. Layers named by the rule are known to be loaded. */
export type RuleModule<R extends Rule> = {
  type: R["type"];
  /** The roles whose layers must be polygonal for the type to make sense (else the rule is left out). */
  polygonal: readonly ("subject" | "constraint")[];
  /**
   * Why the rule cannot run on this input at all (checked before its data; null: it can), e.g. a
   * rule overlaying districts when the run was given none.
   */
  precondition?(rule: R, input: CheckInput): LocalizedText | null;
  /**
   * Attributes the rule reads besides its filters': the very function of its descriptor (the
   * engine takes it from here, so the check worker does not bundle the descriptors' texts).
   */
  attributes?(rule: R): AttributeRead[];
  /**
   * Data checks of the type's own, after the common ones passed (`checkRuleData`): problems, and
   * whether the rule must not run.
   */
  checkData?(rule: R, engine: Engine): { problems: LocalizedText[]; blocked: boolean };
  create(rule: R, engine: Engine): RuleChecker;
};

/** An attribute a rule reads besides its filters', the rule field naming it, and the values compared with it. */
export type AttributeRead = {
  /** The layer (catalogue id) whose features hold it. */
  layer: string;
  attribute: string;
  field: string;
  /** Values compared with the attribute (matrix keys…), and the field naming them. */
  values: readonly (string | number | boolean)[];
  valuesField: string;
  /** The values are land-use codes, so the attribute is read as codes. */
  codes: boolean;
};

/** How presentation code lends a descriptor its language: texts by i18n key, numbers with units. */
export type FindingTextTools = {
  t(key: ParseKeys, values?: Record<string, string | number>): string;
  /** A distance in metres, in the UI language ("12,5 m"). */
  meters(value: number): string;
  /** An area in hectares, in the UI language ("2.672,22 ha"). */
  hectares(value: number): string;
};

/** A column of the findings CSV and its cell for a finding (empty when the finding has no such value). */
export type FindingColumn = { name: string; cell(finding: Finding): string };

/**
 * What a rule type reads and what its findings say: light (no geometry, no zod, no SQL), so the
 * app's panel, the CSV writer and the proposal import read it without the engine.
 */
export type RuleDescriptor<R extends Rule = Rule> = {
  type: R["type"];
  /**
   * What the constraint is: features the subject is checked against (or their union), or only the
   * plan that sets the rule's targets (its geometry is never read; the UI names the layer).
   */
  constraint: "features" | "target-plan";
  /** Attributes the rule reads besides its filters' (checked against the data before it runs). */
  attributes?(rule: R): AttributeRead[];
  /**
   * Columns the type adds to the findings CSV (after `share_of_subject`, in the order of the
   * descriptor list): what its findings measured.
   */
  csvColumns: readonly FindingColumn[];
  /**
   * What a finding of the type measured, one sentence per fact, in the UI language (area and
   * share are shown elsewhere).
   */
  details(finding: Finding, tools: FindingTextTools): string[];
  /**
   * The findings of the type's rules from every partition's accumulators (in any order), once all
   * are in: the merge runs on the app's main thread, so this is here, light, not in the module.
   */
  finalize?(accumulators: RuleAccumulator[]): Finding[];
};
