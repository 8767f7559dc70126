import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/core/catalog/parse-catalog";
import { parseJsonBytes } from "../../src/core/validate/json-text";
import { type GeometryKind, validateLayer } from "../../src/core/validate/validate-layer";
import { formatIssue } from "../../src/core/validate/validation-issue";
import { readFlatGeobuf } from "../../src/io/fgb-reader";

const LAYERS = join(__dirname, "../../layers");
const { catalog } = parseCatalog(JSON.parse(readFileSync(join(LAYERS, "catalog.json"), "utf8")));

/** Every catalogue layer, then the data step's base layers the app reads (all polygons). */
const files: { source: string; kind: GeometryKind }[] = [
  ...(catalog?.layers ?? []).map((entry) => ({ source: entry.source, kind: entry.geometryType })),
  ...["hanoi-districts", "hanoi-boundary", "provinces"].map((name) => ({
    source: `../data/${name}.fgb`,
    kind: "polygon" as const,
  })),
];

async function read(path: string): Promise<unknown> {
  const bytes = new Uint8Array(readFileSync(path));
  if (path.endsWith(".fgb")) return readFlatGeobuf(bytes);
  const parsed = parseJsonBytes(bytes, path);
  if (!parsed.ok) throw new Error(formatIssue(parsed.issue));
  return parsed.value;
}

/** The data step's layers exist once `npm run data` ran (the test command runs it first). */
const built = existsSync(join(LAYERS, "../data/city-plan-zones.fgb"));

describe.skipIf(!built)(
  "the shipped and built layers pass the layer validation of CLI and app",
  () => {
    it.each(files)("$source", async ({ source, kind }) => {
      const { issues } = validateLayer(await read(join(LAYERS, source)), { file: source, kind });
      expect(issues.map(formatIssue)).toEqual([]);
    });
  },
);
