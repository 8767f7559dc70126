import type { FeatureCollection } from "geojson";
import { convertDvhcvn } from "../../core/admin/convert-dvhcvn";
import { checkDistrictTiling } from "../../core/admin/district-tiling";
import { buildDistrictsIndex, withAreas } from "../../core/admin/districts-index";
import { EXPECTED_DISTRICTS, type ExpectedDistricts } from "../../core/admin/expected-districts";
import { mergeProvinces, PROVINCE_BORDER_TOLERANCE_DEG } from "../../core/admin/provinces";
import { readBoundary, readDistricts } from "../../core/admin/read-admin-geojson";
import { simplifyBorders } from "../../core/admin/simplify-borders";
import type { AdminBoundaries } from "../../core/admin/types";
import { PlanInputError } from "../../core/plan/plan-input-error";
import { crsStep } from "../../core/proposal/crs-step";
import { inFileNumbers } from "../../core/proposal/file-numbers";
import { toWgs84 } from "../../core/proposal/layer-from-read";
import { parseJsonText } from "../../core/validate/json-text";
import {
  type ValidateOptions,
  validateFeatureCollection,
  validateGeoJsonText,
} from "../../core/validate/validate-feature-collection";
import type { ValidationIssue } from "../../core/validate/validation-issue";
import { hasErrors } from "../../core/validate/validation-issue";
import { writeFlatGeobuf } from "../../io/fgb-writer";
import { cappedProblemLines } from "../../node/check-error";
import type { LayerInput, LoadedInputs, TextInput } from "./load-inputs";
import { DataStepError } from "./messages";
import type { BuildPlanLayers } from "./plan-generator";

/** One file to write into the output folder. */
export type Output = { file: string; bytes: Uint8Array; features?: number };

export type BuildOutcome =
  | { ok: true; outputs: Output[]; warnings: ValidationIssue[] }
  /** Bad inputs (exit 2), or a generated layer that is not valid (exit 1). */
  | { ok: false; issues: ValidationIssue[]; exitCode: 1 | 2 };

export const DISTRICTS_OUTPUT = "hanoi-districts";
export const BOUNDARY_OUTPUT = "hanoi-boundary";
export const PROVINCES_OUTPUT = "provinces";
export const INDEX_OUTPUT = "districts-index.json";
const RESERVED_IDS = new Set([
  DISTRICTS_OUTPUT,
  BOUNDARY_OUTPUT,
  PROVINCES_OUTPUT,
  "districts-index",
  "manifest",
]);
const LAYER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

class Issues {
  readonly all: ValidationIssue[] = [];
  take<T>(result: { issues: ValidationIssue[] } & T): T {
    this.all.push(...result.issues);
    return result;
  }
  get failed() {
    return hasErrors(this.all);
  }
}

/**
 * Reads and validates the districts and the boundary, then checks that they can be the city's (the
 * expected units, tiling the boundary): data that passes the validator yet cannot be right — 29
 * districts, districts of another extract — stops the build here like any bad input.
 */
function readAdmin(
  inputs: LoadedInputs,
  issues: Issues,
  expected: ExpectedDistricts,
): AdminBoundaries | null {
  const areaOptions = (file: string): ValidateOptions => ({
    file,
    requiredProperties: ["code", "name"],
  });
  let districts: FeatureCollection | null;
  let boundary: FeatureCollection | null;
  let districtsFile: string;
  let boundaryFile: string;
  if (inputs.admin.kind === "geojson") {
    districtsFile = inputs.admin.districts.name;
    boundaryFile = inputs.admin.boundary.name;
    districts = issues.take(
      validateGeoJsonText(inputs.admin.districts.text, areaOptions(districtsFile)),
    ).collection;
    boundary = issues.take(
      validateGeoJsonText(inputs.admin.boundary.text, areaOptions(boundaryFile)),
    ).collection;
  } else {
    const { name, text } = inputs.admin.file;
    const parsed = parseJsonText(text, name);
    if (!parsed.ok) {
      issues.all.push(parsed.issue);
      return null;
    }
    const converted = issues.take(convertDvhcvn(parsed.value, name)).boundaries;
    if (!converted) return null;
    districtsFile = `${name} (level2s)`;
    boundaryFile = `${name} (level1)`;
    districts = issues.take(
      validateFeatureCollection(converted.districts, areaOptions(districtsFile)),
    ).collection;
    boundary = issues.take(
      validateFeatureCollection(converted.boundary, areaOptions(boundaryFile)),
    ).collection;
  }
  if (!districts || !boundary) return null;
  const readBoundaryResult = issues.take(readBoundary(boundary, boundaryFile)).value;
  const provinceCode = readBoundaryResult?.features[0]?.properties.code ?? null;
  const readDistrictsResult = issues.take(
    readDistricts(districts, districtsFile, provinceCode),
  ).value;
  if (!readBoundaryResult || !readDistrictsResult) return null;
  const admin = { districts: readDistrictsResult, boundary: readBoundaryResult };
  issues.all.push(
    ...checkDistrictTiling(admin, { districts: districtsFile, boundary: boundaryFile }, expected),
  );
  return admin;
}

/**
 * An authored layer from what the registry read: the reader's problems, the CRS decided as for
 * every layer ({@link crsStep}; an authored layer in VN-2000 is reprojected), then the validation
 * the other inputs take. Null when it cannot be used.
 */
function authoredLayer(input: LayerInput, issues: Issues): FeatureCollection | null {
  const { read } = input;
  issues.all.push(...read.problems);
  if (read.collection.features.length === 0 && hasErrors(read.problems)) return null;
  const step = crsStep(read);
  if (!step.ok) {
    issues.all.push(step.issue);
    return null;
  }
  const validated = validateFeatureCollection(toWgs84(read, step.choice), { file: input.name });
  issues.all.push(...inFileNumbers(validated.issues, read.positions));
  return validated.collection;
}

function readProvinces(input: TextInput | null, issues: Issues): FeatureCollection | null {
  if (!input) return null;
  // Context only: a simplification's small self-crossings are reported, not fatal.
  return issues.take(
    validateGeoJsonText(input.text, {
      file: input.name,
      requiredProperties: ["code", "name"],
      selfIntersection: "warning",
    }),
  ).collection;
}

/**
 * Runs the generator. It throws a PlanInputError (file, feature and problem in both languages) or
 * a plain Error naming them when an authored layer is unusable — bad input, exit 2 — while a
 * TypeError or the like is a bug in it: let it through, with its stack, as an unexpected failure
 * (exit 1).
 */
function runGenerator(
  buildPlanLayers: BuildPlanLayers,
  input: Parameters<BuildPlanLayers>[0],
): Record<string, FeatureCollection> {
  try {
    return buildPlanLayers(input);
  } catch (error) {
    if (error instanceof PlanInputError) {
      throw new DataStepError(
        {
          vi: `${error.where}: bộ sinh lớp quy hoạch không dùng được tệp này: ${error.text.vi}`,
          en: `the plan layer generator cannot use this file: ${error.text.en}`,
        },
        2,
        cappedProblemLines(error.problemLines()),
      );
    }
    if (!(error instanceof Error) || error.constructor !== Error) throw error;
    throw new DataStepError(
      {
        vi: `bộ sinh lớp quy hoạch không dùng được dữ liệu vào: ${error.message}`,
        en: `the plan layer generator cannot use its input: ${error.message}`,
      },
      2,
    );
  }
}

/**
 * Validates every input, runs the plan layer generator and serialises every output in memory —
 * nothing touches the output folder, so a bad input leaves it as it was.
 *
 * @throws DataStepError when the generator refuses its input (exit 2) or returns an unusable
 *   layer id (exit 1)
 */
export function buildOutputs(
  inputs: LoadedInputs,
  deps: {
    buildPlanLayers: BuildPlanLayers;
    generatedAt: string;
    /** The units each province must have; `EXPECTED_DISTRICTS` unless a test declares its own. */
    expectedDistricts?: ExpectedDistricts;
  },
): BuildOutcome {
  const issues = new Issues();
  const admin = readAdmin(inputs, issues, deps.expectedDistricts ?? EXPECTED_DISTRICTS);
  const simplified = readProvinces(inputs.simplifiedProvinces, issues);
  const detailed = readProvinces(inputs.detailedProvinces, issues);
  const authored: Record<string, FeatureCollection> = {};
  for (const [key, input] of inputs.layers) {
    const collection = authoredLayer(input, issues);
    if (collection) authored[key] = collection;
  }
  let structure: unknown = null;
  if (inputs.structure) {
    const parsed = parseJsonText(inputs.structure.text, inputs.structure.name);
    if (parsed.ok) structure = parsed.value;
    else issues.all.push(parsed.issue);
  }
  if (issues.failed || !admin) return { ok: false, issues: issues.all, exitCode: 2 };

  const districts = withAreas(admin.districts);
  const generated = runGenerator(deps.buildPlanLayers, {
    districts,
    boundary: admin.boundary,
    authored,
    structure,
  });
  const generatedIssues = new Issues();
  for (const [id, layer] of Object.entries(generated)) {
    if (!LAYER_ID.test(id) || RESERVED_IDS.has(id)) {
      throw new DataStepError(
        {
          vi: `bộ sinh lớp trả về mã lớp không dùng được: ${JSON.stringify(id)} (cần chữ thường, số, gạch nối; không trùng tệp của bước dữ liệu)`,
          en: `the plan layer generator returned an unusable layer id: ${JSON.stringify(id)} (lower-case letters, digits, hyphens; not a data-step file name)`,
        },
        1,
      );
    }
    generatedIssues.take(
      validateFeatureCollection(layer, {
        file: `${id}.fgb (generated)`,
        selfIntersection: "warning",
      }),
    );
  }
  if (generatedIssues.failed) {
    return { ok: false, issues: [...issues.all, ...generatedIssues.all], exitCode: 1 };
  }

  const fgb = (file: string, collection: FeatureCollection, title?: string): Output => ({
    file: `${file}.fgb`,
    bytes: writeFlatGeobuf(collection, { name: file, ...(title ? { title } : {}) }),
    features: collection.features.length,
  });
  const provinces = simplifyBorders(
    mergeProvinces(simplified, detailed, admin.boundary),
    PROVINCE_BORDER_TOLERANCE_DEG,
  );
  const index = buildDistrictsIndex(districts, deps.generatedAt);
  const outputs: Output[] = [
    fgb(DISTRICTS_OUTPUT, districts, "Quận, huyện, thị xã Hà Nội / Hà Nội districts"),
    fgb(BOUNDARY_OUTPUT, admin.boundary, "Ranh giới Hà Nội / Hà Nội boundary"),
    fgb(PROVINCES_OUTPUT, provinces, "Tỉnh, thành phố / Provinces"),
    { file: INDEX_OUTPUT, bytes: new TextEncoder().encode(`${JSON.stringify(index, null, 2)}\n`) },
    ...Object.keys(generated)
      .sort()
      .map((id) => fgb(id, generated[id] as FeatureCollection)),
  ];
  return { ok: true, outputs, warnings: [...issues.all, ...generatedIssues.all] };
}
