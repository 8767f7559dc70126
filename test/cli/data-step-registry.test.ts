import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import { PROJECT_ROOT, scratchPerTest } from "./helpers";

/**
 * The data step reads its authored layers through the format registry (issue 7), as the check and
 * the app read layers: the same formats' shapes (a lone Feature), the CRS decided (a layer in
 * VN-2000 metres is reprojected), the same problems for the same file.
 */
const dirs = scratchPerTest();
const IO = join(PROJECT_ROOT, "test", "fixtures", "io");

/** Runs the data step with a generator that only records the authored layers it was given. */
async function run() {
  const err: string[] = [];
  let authored: Record<string, FeatureCollection> | null = null;
  const code = await runBuild(
    { source: dirs().source, out: dirs().out, layers: dirs().layers, ifStale: false, help: false },
    {
      projectRoot: PROJECT_ROOT,
      cwd: PROJECT_ROOT,
      env: {},
      fetch: () => Promise.reject(new Error("no network in tests")),
      buildPlanLayers: (input) => {
        authored = input.authored;
        return {};
      },
      now: () => new Date("2025-01-02T03:04:05.000Z"),
      log: () => undefined,
      error: (line) => err.push(line),
    },
  );
  return { code, err, authored: authored as Record<string, FeatureCollection> | null };
}

describe("npm run data reads authored layers through the format registry", () => {
  it("an authored layer in VN-2000 metres reaches the generator in WGS84", async () => {
    copyFileSync(
      join(IO, "geojson", "zones-vn2000.geojson"),
      join(dirs().layers, "sector", "zones.geojson"),
    );
    const { code, err, authored } = await run();
    expect(err.filter((line) => line.startsWith("Lỗi"))).toEqual([]);
    expect(code).toBe(0);
    const zones = authored?.["sector/zones.geojson"];
    expect(zones?.features).toHaveLength(5);
    const [x, y] = (JSON.stringify(zones?.features[0]?.geometry).match(/-?[\d.]+/g) ?? []).map(
      Number,
    );
    expect(x).toBeCloseTo(105.8, 2);
    expect(y).toBeCloseTo(21.0, 2);
  });

  it("a TopoJSON authored layer: exit 2, the file named and what it is", async () => {
    copyFileSync(
      join(IO, "geojson", "zones.topojson"),
      join(dirs().layers, "sector", "topo.geojson"),
    );
    const { code, err, authored } = await run();
    expect(code).toBe(2);
    expect(authored).toBeNull();
    expect(err.join("\n")).toMatch(/sector\/topo\.geojson: .*TopoJSON/);
  });

  it("a lone Feature is a one-feature layer", async () => {
    writeFileSync(
      join(dirs().layers, "sector", "one.geojson"),
      JSON.stringify({
        type: "Feature",
        properties: { id: "A" },
        geometry: { type: "Point", coordinates: [105.8, 21] },
      }),
    );
    const { code, authored } = await run();
    expect(code).toBe(0);
    expect(authored?.["sector/one.geojson"]?.features).toHaveLength(1);
  });
});
