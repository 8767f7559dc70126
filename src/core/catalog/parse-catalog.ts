import {
  type EntryProblem,
  formatEntryProblem,
  parseRoot,
  rawEntryId,
  zodProblems,
} from "./entry-problems";
import {
  catalogRoot,
  type LayerEntry,
  type LocalizedText,
  layerEntry,
  PLAN_LEVELS,
} from "./schema";

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
  const seen = new Set<string>();
  root.data.layers.forEach((raw, index) => {
    const rawId = rawEntryId(raw);
    const parsed = layerEntry.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, index, rawId, "(entry)", layerEntry, raw));
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({
        index,
        id: rawId,
        field: "id",
        message: `duplicate layer id "${parsed.data.id}"`,
      });
      return;
    }
    seen.add(parsed.data.id);
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

/** One line per problem, for a terminal or a toast. */
export function formatCatalogProblem(problem: CatalogProblem, file: string): string {
  return formatEntryProblem(problem, file, "layer");
}
