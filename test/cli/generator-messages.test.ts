import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import { buildPlanLayers } from "../../src/core/plan/build-plan-layers";
import {
  buildArgs,
  buildDeps,
  HAS_SHARED,
  PROJECT_ROOT,
  SHARED_ADMIN_DIR,
  scratchPerTest,
  snapshot,
} from "./helpers";

const dirs = scratchPerTest();

describe.skipIf(!HAS_SHARED)("the plan generator's refusals, as the data step prints them", () => {
  it("names the authored file and feature and says what is wrong in both languages", async () => {
    // The shipped layers, with one ring road's width made unusable.
    const layers = join(dirs().root, "shipped-layers");
    cpSync(join(PROJECT_ROOT, "layers"), layers, { recursive: true });
    const err: string[] = [];
    const build = () =>
      runBuild(
        buildArgs(SHARED_ADMIN_DIR, dirs().out, layers),
        buildDeps(dirs().root, err, { buildPlanLayers }),
      );
    expect(await build()).toBe(0);
    const before = snapshot(dirs().out);
    const roads = join(layers, "sector", "ring-roads.geojson");
    const collection = JSON.parse(readFileSync(roads, "utf8")) as FeatureCollection;
    const road = collection.features[1];
    if (!road?.properties) throw new Error("the shipped ring roads changed");
    road.properties.width_m = "wide";
    writeFileSync(roads, JSON.stringify(collection));
    err.length = 0;

    expect(await build()).toBe(2);
    expect(err.at(-1)).toBe(
      'Lỗi / Error: layers/sector/ring-roads.geojson, đối tượng / feature 2 (features[1]; id "VD5-TAY"): bộ sinh lớp quy hoạch không dùng được tệp này: "width_m" phải là số mét dương / the plan layer generator cannot use this file: "width_m" must be a positive number of metres',
    );
    expect(snapshot(dirs().out)).toEqual(before);
  }, 120_000);
});
