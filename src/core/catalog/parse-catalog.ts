import type { z } from "zod";
import {
  catalogRoot,
  type LayerEntry,
  type LocalizedText,
  layerEntry,
  PLAN_LEVELS,
} from "./schema";

/** One problem found in a catalogue: where it is and what is wrong, in terms a data steward reads. */
export type CatalogProblem = {
  /** Index of the entry in `layers`, or null for the catalogue root. */
  index: number | null;
  /** The entry's id when it has a readable one. */
  id: string | null;
  /** Dotted path of the offending field inside the entry, e.g. "legalBasis.date". */
  field: string;
  message: string;
};

export type Catalog = {
  title: LocalizedText;
  dataCutoff: string;
  rules: string | undefined;
  /** Valid entries, sorted by plan level (higher plans first), then as listed. */
  layers: LayerEntry[];
};

export type CatalogResult = { catalog: Catalog | null; problems: CatalogProblem[] };

function toProblems(error: z.ZodError, index: number | null, id: string | null): CatalogProblem[] {
  return error.issues.map((issue) => ({
    index,
    id,
    field: issue.path.map(String).join(".") || "(entry)",
    message: issue.message,
  }));
}

/**
 * Validates a parsed catalogue. Each layer entry is checked on its own: a bad entry yields problems
 * and is left out, the others still load. Only a bad root (wrong version, no layer list) yields no
 * catalogue at all.
 */
export function parseCatalog(json: unknown): CatalogResult {
  const root = catalogRoot.safeParse(json);
  if (!root.success) return { catalog: null, problems: toProblems(root.error, null, null) };

  const problems: CatalogProblem[] = [];
  const layers: LayerEntry[] = [];
  const seen = new Set<string>();
  root.data.layers.forEach((raw, index) => {
    const rawId =
      typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
        ? (raw as { id: string }).id
        : null;
    const parsed = layerEntry.safeParse(raw);
    if (!parsed.success) {
      problems.push(...toProblems(parsed.error, index, rawId));
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

  const rank = (entry: LayerEntry) => PLAN_LEVELS.indexOf(entry.level);
  const sorted = layers
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.order - b.order)
    .map(({ entry }) => entry);

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
  const where =
    problem.index === null ? "" : ` layer #${problem.index}${problem.id ? ` "${problem.id}"` : ""}`;
  return `${file}:${where} ${problem.field}: ${problem.message}`;
}
