import { dirname, resolve } from "node:path";
import { type Catalog, formatCatalogProblem, parseCatalog } from "../core/catalog/parse-catalog";
import { formatRuleProblem, parseRules, type Rule } from "../core/catalog/rules-schema";
import { inputError, problemsError, shownPath } from "./check-error";
import { readInputFile } from "./read-input-file";
import { parseJsonFile } from "./read-layer";

/** A catalogue with its rules, every path absolute. */
export type LoadedCatalog = {
  catalogPath: string;
  rulesPath: string;
  catalog: Catalog;
  rules: Rule[];
};

/** Rules file used when the catalogue names none: `rules.json` beside it. */
const DEFAULT_RULES_FILE = "rules.json";

/**
 * Reads and validates a catalogue and the rules file it names (relative to the catalogue; default
 * `rules.json` beside it). Strict, unlike the viewer, which skips a bad entry: a check over a
 * catalogue with a bad entry or rule could pass by leaving conflicts out.
 *
 * @throws CheckInputError naming the file, the entry or rule (index and id) and the field
 */
export async function loadCatalog(catalogFile: string): Promise<LoadedCatalog> {
  const catalogPath = resolve(catalogFile);
  const shownCatalog = shownPath(catalogPath);
  const parsed = parseCatalog(
    parseJsonFile((await readInputFile(catalogPath)).bytes, shownCatalog),
  );
  if (!parsed.catalog || parsed.problems.length > 0) {
    throw problemsError(
      parsed.problems.map((p) => formatCatalogProblem(p, shownCatalog)),
      {
        vi: `danh mục lớp ${shownCatalog} không hợp lệ`,
        en: `the layer catalogue ${shownCatalog} is invalid`,
      },
    );
  }
  const catalog = parsed.catalog;
  const rulesPath = resolve(dirname(catalogPath), catalog.rules ?? DEFAULT_RULES_FILE);
  const shownRules = shownPath(rulesPath);
  const hint = catalog.rules
    ? undefined
    : `danh mục không có "rules" / the catalogue names no "rules" file`;
  const rulesJson = parseJsonFile((await readInputFile(rulesPath, { hint })).bytes, shownRules);
  const layerIds = new Set(catalog.layers.map((l) => l.id));
  const { rules, problems } = parseRules(rulesJson, layerIds);
  if (problems.length > 0) {
    throw problemsError(
      problems.map((p) => formatRuleProblem(p, shownRules)),
      {
        vi: `tệp quy tắc ${shownRules} không hợp lệ`,
        en: `the rules file ${shownRules} is invalid`,
      },
    );
  }
  if (rules.length === 0) {
    throw inputError(shownRules, { vi: "không có quy tắc nào", en: "holds no rules" });
  }
  return { catalogPath, rulesPath, catalog, rules };
}

/**
 * The rules named by `--rules`, in the order of the rules file.
 *
 * @throws CheckInputError listing unknown ids and the known ones
 */
export function selectRules(loaded: LoadedCatalog, ids: readonly string[] | null): Rule[] {
  if (!ids) return loaded.rules;
  const known = new Set(loaded.rules.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const list = unknown.map((id) => `"${id}"`).join(", ");
    const all = [...known].join(", ");
    throw inputError(`--rules (${shownPath(loaded.rulesPath)})`, {
      vi: `không có quy tắc ${list}; các quy tắc có: ${all}`,
      en: `no rule ${list}; the rules are: ${all}`,
    });
  }
  const wanted = new Set(ids);
  return loaded.rules.filter((r) => wanted.has(r.id));
}
