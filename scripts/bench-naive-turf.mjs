// Naive all-pairs overlay with Turf, the baseline of issue 3's speed section: every development zone
// against every constraint feature, booleanIntersects, then intersect and area (Turf's spherical
// area) for the pairs that meet, keeping area > 1 m². No index, no shortcut.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { area, booleanIntersects, featureCollection, intersect } from "@turf/turf";
import { CONSTRAINT_LAYERS, DEVELOPMENT_CODES } from "./bench-catalog.mjs";

const read = (dir, id) => JSON.parse(readFileSync(join(dir, `${id}.geojson`), "utf8"));

/** Runs the naive overlay on a generator folder; returns its wall time (ms) and pair count. */
export function naiveTurf(dir) {
  const t0 = performance.now();
  const dev = new Set(DEVELOPMENT_CODES);
  const zones = read(dir, "city-plan").features.filter((f) => dev.has(f.properties?.landuse));
  let pairs = 0;
  let tested = 0;
  let failed = 0;
  for (const layer of CONSTRAINT_LAYERS) {
    for (const c of read(dir, layer).features) {
      for (const z of zones) {
        tested++;
        if (!booleanIntersects(z, c)) continue;
        try {
          const part = intersect(featureCollection([z, c]));
          if (part && area(part) > 1) pairs++;
        } catch {
          failed++;
        }
      }
    }
  }
  return { ms: performance.now() - t0, pairs, tested, failed };
}
