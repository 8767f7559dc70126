import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import {
  buildArgs,
  buildDeps,
  HAS_SHARED,
  runData,
  SHARED_ADMIN_DIR,
  scratchPerTest,
  snapshot,
} from "./helpers";

const dirs = scratchPerTest();

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as FeatureCollection;

/** Moves every coordinate of a collection by `dLon` degrees. */
function shiftedBy(collection: FeatureCollection, dLon: number): FeatureCollection {
  const move = (value: unknown): unknown =>
    Array.isArray(value) && typeof value[0] === "number"
      ? [value[0] + dLon, value[1]]
      : (value as unknown[]).map(move);
  return {
    ...collection,
    features: collection.features.map((feature) => ({
      ...feature,
      geometry: {
        ...feature.geometry,
        coordinates: move((feature.geometry as { coordinates: unknown }).coordinates),
      } as FeatureCollection["features"][number]["geometry"],
    })),
  };
}

describe("the data step refuses districts that do not tile the boundary (small source, in-process)", () => {
  it("refuses the districts shifted by 1°, exit 2, and changes nothing in the output folder", async () => {
    const err: string[] = [];
    const build = () =>
      runBuild(buildArgs(dirs().source, dirs().out, dirs().layers), buildDeps(dirs().root, err));
    expect(await build()).toBe(0);
    const before = snapshot(dirs().out);
    const districtsFile = join(dirs().source, "hanoi-districts.geojson");
    writeFileSync(districtsFile, JSON.stringify(shiftedBy(readJson(districtsFile), 1)));
    err.length = 0;
    expect(await build()).toBe(2);
    expect(err).toHaveLength(3);
    expect(err[0]).toMatch(
      /^Lỗi \/ Error: source\/hanoi-districts\.geojson: các quận, huyện không phủ kín ranh giới source\/hanoi-boundary\.geojson: .* \/ the districts do not cover the boundary of source\/hanoi-boundary\.geojson: .*\(100\.0 % of the city's area\) lie in no district/,
    );
    expect(err[1]).toMatch(/of the districts lie outside the boundary of source\/hanoi-boundary/);
    expect(err[2]).toMatch(/^Không tệp nào trong out bị thay đổi \/ No file in out was changed$/);
    expect(snapshot(dirs().out)).toEqual(before);
  });
});

describe.skipIf(!HAS_SHARED)("npm run data on bad copies of the official data (end to end)", () => {
  it("refuses 29 districts and districts shifted by 1° with exit 2, leaving the previous data untouched", async () => {
    const source = join(dirs().root, "vn-admin");
    mkdirSync(source);
    for (const file of ["hanoi-districts.geojson", "hanoi-boundary.geojson"]) {
      copyFileSync(join(SHARED_ADMIN_DIR, file), join(source, file));
    }
    expect((await runData("--source", source, "--out", dirs().out)).code).toBe(0);
    const before = snapshot(dirs().out);
    const official = readJson(join(SHARED_ADMIN_DIR, "hanoi-districts.geojson"));
    const districtsFile = join(source, "hanoi-districts.geojson");

    writeFileSync(
      districtsFile,
      JSON.stringify({
        ...official,
        features: official.features.filter((f) => f.properties?.code !== "250"),
      }),
    );
    const missing = await runData("--source", source, "--out", dirs().out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      "hanoi-districts.geojson: có 29 đơn vị cấp huyện, thiếu 1 trong 30 đơn vị của tỉnh/thành phố mã 01: 250 Huyện Mê Linh",
    );
    expect(missing.stderr).toContain("missing 1 of the 30 of province 01: 250 Huyện Mê Linh");
    expect(missing.stderr).toMatch(/the districts do not cover the boundary .* \(4\.\d % of/);
    expect(missing.stderr).toMatch(/No file in .* was changed/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dirs().out)).toEqual(before);

    writeFileSync(districtsFile, JSON.stringify(shiftedBy(official, 1)));
    const shifted = await runData("--source", source, "--out", dirs().out);
    expect(shifted.code).toBe(2);
    expect(shifted.stderr).toMatch(
      /\(100\.0 % of the city's area\) of the districts lie outside the boundary .* The districts span 106\.\d+–107\.\d+ E/,
    );
    expect(snapshot(dirs().out)).toEqual(before);
  }, 180_000);
});
