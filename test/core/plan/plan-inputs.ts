import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { PlanLayersInput } from "../../../src/core/plan/build-plan-layers";
import { SHARED_ADMIN_DIR } from "../admin/shared-data";

/** The repository's layers/ folder. */
export const LAYERS_DIR = fileURLToPath(new URL("../../../layers/", import.meta.url));

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Every layers/**\/*.geojson keyed by its path relative to layers/, as the data step passes them. */
export function readAuthored(): Record<string, FeatureCollection> {
  const out: Record<string, FeatureCollection> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".geojson")) {
        out[relative(LAYERS_DIR, path).split("\\").join("/")] = readJson(path) as FeatureCollection;
      }
    }
  };
  walk(LAYERS_DIR);
  return out;
}

type Areas = FeatureCollection<Polygon | MultiPolygon>;

/** The generator's real input: official districts and boundary, the authored layers, the structure. */
export function readPlanInputs(): PlanLayersInput {
  return {
    districts: readJson(join(SHARED_ADMIN_DIR, "hanoi-districts.geojson")) as Areas,
    boundary: readJson(join(SHARED_ADMIN_DIR, "hanoi-boundary.geojson")) as Areas,
    authored: readAuthored(),
    structure: readJson(join(LAYERS_DIR, "city-plan/structure.json")),
  };
}

/** A fixture of test/fixtures/plan/. */
export function readPlanFixture(name: string): unknown {
  return readJson(planFixturePath(name));
}

/** Path of a fixture of test/fixtures/plan/ (for UPDATE=1 rewrites). */
export function planFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/plan/${name}`, import.meta.url));
}
