import type { CheckProblem } from "../core/check/index";
import { featureRefs } from "../core/check/problem-messages";
import { bilingual, errorLine, problemsError, shownPath } from "./check-error";
import type { InputPlan } from "./check-inputs";

/** The file a layer was read from, as the user sees it (the proposal for the layer it replaces). */
function layerFile(plan: InputPlan, layer: string): string {
  const file = plan.files.find((f) => f.id === layer) ?? plan.districts;
  return file && file.id === layer ? shownPath(file.path) : `"${layer}"`;
}

/**
 * Where a problem is: the layer's file and its features when it is about data
 * (`file, đối tượng / feature 12/300 (id "Z12")`), else the rules file.
 */
function whereOf(problem: CheckProblem, plan: InputPlan): string {
  if (!problem.layer) return shownPath(plan.loaded.rulesPath);
  const file = layerFile(plan, problem.layer);
  const features = problem.features;
  if (!features || features.count === 0) return file;
  if (features.count === 1) return `${file}, đối tượng / feature ${featureRefs(features)}`;
  return `${file}, ${features.count} đối tượng / features ${featureRefs(features)}`;
}

/** One stderr line per problem: `Lỗi / Error: <where>: …` or `Cảnh báo / Warning: <where>: …`. */
export function problemLine(problem: CheckProblem, plan: InputPlan): string {
  const where = whereOf(problem, plan);
  if (problem.severity === "error") return errorLine(where, problem.message);
  return `Cảnh báo / Warning: ${where}: ${bilingual(problem.message)}`;
}

/**
 * The error for a check whose rules cannot all run (error problems: exit 2), naming every error;
 * null when there are only warnings.
 */
export function problemsStop(problems: readonly CheckProblem[], plan: InputPlan) {
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return null;
  return problemsError(
    errors.map((p) => problemLine(p, plan)),
    {
      vi: "dữ liệu hoặc quy tắc không khớp nhau, có quy tắc không chạy được",
      en: "the data and the rules do not match; some rules cannot run",
    },
  );
}
