import {
  EntryIds,
  type EntryProblem,
  formatEntryProblem,
  type ProblemLanguage,
  parseEntry,
  parseRoot,
} from "./entry-problems";
import {
  catalogRoot,
  type LayerEntry,
  type LocalizedText,
  layerEntry,
  PLAN_LEVELS,
} from "./schema";

/** What the catalogue's entries are called in messages. */
const LAYER = { vi: "lớp", en: "layer" };

/** One problem found in a catalogue; `index` is the entry's in `layers`. */
export type CatalogProblem = EntryProblem;

export type Catalog = {
  title: LocalizedText;
  dataCutoff: string;
  rules: string | undefined;
  /** Valid entries, sorted by plan level (higher plans first), then as listed. */
  layers: LayerEntry[];
};

export type CatalogResult = { catalog: Catalog | null; problems: CatalogProblem[] };

/**
 * Validates a parsed catalogue. Each layer entry is checked on its own: a bad entry yields problems
 * and is left out, the others still load. Only a bad root (wrong version, no layer list) yields no
 * catalogue at all; an unknown key at the root is a problem, and the layers still load.
 */
export function parseCatalog(json: unknown): CatalogResult {
  const root = parseRoot(catalogRoot, json, "(entry)");
  if (!root.data) return { catalog: null, problems: root.problems };

  const problems: CatalogProblem[] = [...root.problems];
  const layers: LayerEntry[] = [];
  const ids = new EntryIds(LAYER);
  root.data.layers.forEach((raw, index) => {
    const parsed = parseEntry(layerEntry, raw, index, "(entry)");
    if (parsed.problems) {
      problems.push(...parsed.problems);
      return;
    }
    const duplicate = ids.duplicate(parsed.data.id, index);
    if (duplicate) {
      problems.push(duplicate);
      return;
    }
    ids.add(parsed.data.id, index);
    layers.push(parsed.data);
  });

  // Array sort is stable, so entries of one level stay as listed.
  const rank = (entry: LayerEntry) => PLAN_LEVELS.indexOf(entry.level);
  const sorted = layers.sort((a, b) => rank(a) - rank(b));

  return {
    catalog: {
      title: root.data.title,
      dataCutoff: root.data.dataCutoff,
      rules: root.data.rules,
      layers: sorted,
    },
    problems,
  };
}

/**
 * One line per problem: both languages for a terminal (the default), the UI's language in the app,
 * e.g. `layers/catalog.json: lớp / layer #2 "roads" style.color: … / …`.
 */
export function formatCatalogProblem(
  problem: CatalogProblem,
  file: string,
  lang: ProblemLanguage = "both",
): string {
  return formatEntryProblem(problem, file, LAYER, lang);
}
