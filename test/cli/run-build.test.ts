import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DataArgs } from "../../src/cli/data-step/args";
import type { Manifest } from "../../src/cli/data-step/manifest";
import type { BuildPlanLayers, PlanLayersInput } from "../../src/cli/data-step/plan-generator";
import { type BuildDeps, runBuild } from "../../src/cli/data-step/run-build";
import { DEFAULT_SOURCE_URL } from "../../src/cli/data-step/source-spec";
import { checkFreshness } from "../../src/cli/data-step/staleness";
import { readHeader } from "../../src/io/fgb-header";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import {
  closedPort,
  FIXTURES,
  PROJECT_ROOT,
  SHARED_ADMIN_DIR,
  scratch,
  serve,
  snapshot,
} from "./helpers";

/** Stands in for src/core/plan/build-plan-layers.ts: one zone over the boundary's first ring. */
function stubGenerator(): BuildPlanLayers & { calls: PlanLayersInput[] } {
  const calls: PlanLayersInput[] = [];
  const generate = (input: PlanLayersInput): Record<string, FeatureCollection> => {
    calls.push(input);
    const boundary = input.boundary.features[0]?.geometry;
    const ring =
      boundary?.type === "Polygon" ? boundary.coordinates[0] : boundary?.coordinates[0]?.[0];
    return {
      "demo-zones": {
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            id: "z1",
            properties: { zone: "urban" },
            geometry: { type: "Polygon", coordinates: [ring ?? []] },
          },
        ],
      },
    };
  };
  return Object.assign(generate, { calls });
}

type Run = {
  code: number;
  out: string[];
  err: string[];
  generator: ReturnType<typeof stubGenerator>;
};

async function run(
  args: Partial<DataArgs>,
  overrides: Partial<BuildDeps> = {},
  generator = stubGenerator(),
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBuild(
    { source: null, out: null, layers: null, ifStale: false, help: false, ...args },
    {
      projectRoot: PROJECT_ROOT,
      cwd: PROJECT_ROOT,
      env: {},
      fetch: () => Promise.reject(new Error("no network in tests")),
      buildPlanLayers: generator,
      now: () => new Date("2025-01-02T03:04:05.000Z"),
      log: (line) => out.push(line),
      error: (line) => err.push(line),
      ...overrides,
    },
  );
  return { code, out, err, generator };
}

const readManifestFile = (out: string) =>
  JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;

let dirs: ReturnType<typeof scratch>;
beforeEach(() => {
  dirs = scratch();
});
afterEach(() => {
  dirs.done();
  vi.restoreAllMocks();
});

describe("runBuild from a folder", () => {
  it("writes every output with a spatial index, the index, and a manifest", async () => {
    const { code, out, err, generator } = await run({
      source: dirs.source,
      out: dirs.out,
      layers: dirs.layers,
    });
    expect(code).toBe(0);
    expect(readdirSync(dirs.out).sort()).toEqual([
      "demo-zones.fgb",
      "districts-index.json",
      "hanoi-boundary.fgb",
      "hanoi-districts.fgb",
      "manifest.json",
      "provinces.fgb",
    ]);
    const bytes = (file: string) => new Uint8Array(readFileSync(join(dirs.out, file)));
    for (const file of [
      "demo-zones.fgb",
      "hanoi-boundary.fgb",
      "hanoi-districts.fgb",
      "provinces.fgb",
    ]) {
      expect(readHeader(bytes(file)).indexNodeSize).toBe(16);
    }
    const districts = await readFlatGeobuf(bytes("hanoi-districts.fgb"));
    expect(districts.features.map((f) => f.id).sort()).toEqual(["901", "902", "903"]);
    const central = districts.features.find((f) => f.id === "901");
    expect(central?.properties).toMatchObject({
      code: "901",
      name: "Quận Trung Tâm",
      type: "Quận",
      province_code: "99",
    });
    expect(central?.properties?.area_km2).toBeGreaterThan(115);
    expect(central?.properties?.area_km2).toBeLessThan(116);
    const index = JSON.parse(readFileSync(join(dirs.out, "districts-index.json"), "utf8"));
    expect(index.generatedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(index.districts.map((d: { code: string }) => d.code)).toEqual(["901", "902", "903"]);
    expect(index.districts[0].bbox).toEqual([105, 21, 105.1, 21.1]);
    const provinces = await readFlatGeobuf(bytes("provinces.fgb"));
    expect(provinces.features.map((f) => f.properties?.code)).toEqual(["98", "99"]);

    // The generator got the districts with their areas, the boundary, authored layers, structure.
    const [input] = generator.calls;
    expect(input?.districts.features).toHaveLength(3);
    expect(input?.districts.features[0]?.properties).toHaveProperty("area_km2");
    expect(input?.boundary.features[0]?.properties).toEqual({
      code: "99",
      name: "Tỉnh Thử Nghiệm",
    });
    expect(Object.keys(input?.authored ?? {})).toEqual(["sector/roads.geojson"]);
    expect(input?.structure).toEqual({ zones: [{ id: "z1", district: "902" }] });

    // The simplified province file's crossing is reported, not fatal.
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^Cảnh báo \/ Warning: .*vietnam-provinces-simplified\.geojson, đối tượng \/ feature 2\/2/,
    );
    expect(out.at(-1)).toMatch(/^Đã ghi 6 tệp .* \/ Wrote 6 files to /);

    const manifest = readManifestFile(dirs.out);
    expect(manifest.source).toEqual({ kind: "dir", location: dirs.source, given: "option" });
    expect(manifest.inputs.map((i) => i.path.split("/").slice(-2).join("/"))).toEqual([
      "source/hanoi-districts.geojson",
      "source/hanoi-boundary.geojson",
      "source/vietnam-provinces-simplified.geojson",
      "sector/roads.geojson",
      "city-plan/structure.json",
    ]);
    expect(manifest.outputs.map((o) => [o.file, o.features])).toContainEqual([
      "hanoi-districts.fgb",
      3,
    ]);
    expect(manifest.code.map((c) => c.path)).toContain("src/io/fgb-writer.ts");
    expect(manifest.warnings).toHaveLength(1);
  });

  it("converts a folder that holds only the dvhcvn file", async () => {
    const source = join(dirs.root, "dvhcvn");
    mkdirSync(source);
    writeFileSync(join(source, "01.json"), readFileSync(join(FIXTURES, "dvhcvn-small.json")));
    const { code } = await run({ source, out: dirs.out, layers: dirs.layers });
    expect(code).toBe(0);
    const districts = await readFlatGeobuf(
      new Uint8Array(readFileSync(join(dirs.out, "hanoi-districts.fgb"))),
    );
    expect(districts.features.map((f) => f.properties?.name).sort()).toEqual([
      "Huyện Ven Sông",
      "Quận Trung Tâm",
      "Thị xã Đồi Núi",
    ]);
  });

  it("reads ../shared/data/vn-admin by default: 30 districts, 62 provinces", async () => {
    const { code, err } = await run({ out: dirs.out, layers: dirs.layers });
    expect(code).toBe(0);
    expect(readManifestFile(dirs.out).source.location).toBe(SHARED_ADMIN_DIR);
    const read = async (file: string) =>
      readFlatGeobuf(new Uint8Array(readFileSync(join(dirs.out, file))));
    expect((await read("hanoi-districts.fgb")).features).toHaveLength(30);
    expect((await read("hanoi-boundary.fgb")).features).toHaveLength(1);
    expect((await read("provinces.fgb")).features).toHaveLength(62);
    // Two provinces of the simplified national set cross themselves (Phú Yên, Bến Tre).
    expect(err.map((line) => line.match(/code "(\d+)"/)?.[1])).toEqual(["54", "83"]);
  }, 30_000);

  it("uses PLAN_LAYERS_ADMIN_SOURCE when no --source is given", async () => {
    const { code } = await run(
      { out: dirs.out, layers: dirs.layers },
      { env: { PLAN_LAYERS_ADMIN_SOURCE: dirs.source } },
    );
    expect(code).toBe(0);
    expect(readManifestFile(dirs.out).source.location).toBe(dirs.source);
  });

  it("removes outputs of layers the generator no longer makes", async () => {
    await run({ source: dirs.source, out: dirs.out, layers: dirs.layers });
    expect(existsSync(join(dirs.out, "demo-zones.fgb"))).toBe(true);
    const renamed: BuildPlanLayers = (input) => ({
      "other-zones": stubGenerator()(input)["demo-zones"] as FeatureCollection,
    });
    expect(
      (
        await run(
          { source: dirs.source, out: dirs.out, layers: dirs.layers },
          { buildPlanLayers: renamed },
        )
      ).code,
    ).toBe(0);
    expect(existsSync(join(dirs.out, "demo-zones.fgb"))).toBe(false);
    expect(existsSync(join(dirs.out, "other-zones.fgb"))).toBe(true);
  });
});

describe("runBuild from a URL", () => {
  it("downloads and converts a dvhcvn file from a local server", async () => {
    const server = await serve(readFileSync(join(FIXTURES, "dvhcvn-small.json")));
    try {
      const { code } = await run(
        { source: server.url, out: dirs.out, layers: dirs.layers },
        { fetch: (url, init) => fetch(url, init) },
      );
      expect(code).toBe(0);
      expect(server.requests).toEqual(["/data/gis/01.json"]);
      const manifest = readManifestFile(dirs.out);
      expect(manifest.source).toEqual({ kind: "url", location: server.url, given: "option" });
      expect(manifest.inputs[0]).toMatchObject({ path: server.url, mtimeMs: null });
      const provinces = await readFlatGeobuf(
        new Uint8Array(readFileSync(join(dirs.out, "provinces.fgb"))),
      );
      expect(provinces.features.map((f) => f.properties)).toEqual([
        { code: "99", name: "Tỉnh Thử Nghiệm", detail: "full" },
      ]);
    } finally {
      await server.close();
    }
  });

  it("falls back to the public copy when there is no shared folder, and says what to do offline", async () => {
    const requested: string[] = [];
    const lonelyRoot = join(dirs.root, "nowhere", "project");
    mkdirSync(lonelyRoot, { recursive: true });
    const { code, out, err } = await run(
      { out: dirs.out, layers: dirs.layers },
      {
        projectRoot: lonelyRoot,
        fetch: (url) => {
          requested.push(url);
          return Promise.reject(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }));
        },
      },
    );
    expect(code).toBe(1);
    expect(requested).toEqual([DEFAULT_SOURCE_URL]);
    expect(out[0]).toContain(`downloading the official boundaries from ${DEFAULT_SOURCE_URL}`);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain("(ENOTFOUND)");
    expect(err[0]).toContain("hãy chạy: npm run data -- --source /đường/dẫn/tới/vn-admin");
    expect(err[0]).toContain(
      "run: npm run data -- --source /path/to/vn-admin (or set PLAN_LAYERS_ADMIN_SOURCE); later runs, npm start and npm test included, remember it. Or copy that folder to ../shared/data/vn-admin",
    );
    expect(existsSync(dirs.out)).toBe(false);
  });

  it("reports a refused connection with the same advice", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/01.json`;
    const { code, err } = await run(
      { source: url, out: dirs.out, layers: dirs.layers },
      { fetch: (u, init) => fetch(u, init) },
    );
    expect(code).toBe(1);
    expect(err[0]).toContain(`Could not download the boundary data from ${url} (ECONNREFUSED)`);
  });

  it("reports an HTTP error with the same advice", async () => {
    const server = await serve("", 404);
    try {
      const { code, err } = await run(
        { source: server.url, out: dirs.out, layers: dirs.layers },
        { fetch: (u, init) => fetch(u, init) },
      );
      expect(code).toBe(1);
      expect(err[0]).toContain("(HTTP 404 Not Found)");
    } finally {
      await server.close();
    }
  });
});

describe("runBuild with bad input", () => {
  async function expectUntouched(change: () => void, expectedLines: RegExp[]) {
    expect((await run({ source: dirs.source, out: dirs.out, layers: dirs.layers })).code).toBe(0);
    const before = snapshot(dirs.out);
    change();
    const { code, err } = await run({ source: dirs.source, out: dirs.out, layers: dirs.layers });
    expect(code).toBe(2);
    for (const [i, pattern] of expectedLines.entries()) expect(err[i]).toMatch(pattern);
    expect(err.at(-1)).toMatch(/^Không tệp nào trong .* bị thay đổi \/ No file in .* was changed$/);
    expect(snapshot(dirs.out)).toEqual(before);
  }

  it("stops on an unclosed ring, naming file and feature, and leaves the outputs as they were", async () => {
    await expectUntouched(
      () =>
        writeFileSync(
          join(dirs.source, "hanoi-districts.geojson"),
          readFileSync(join(FIXTURES, "unclosed-districts.geojson")),
        ),
      [
        /^Lỗi \/ Error: .*source\/hanoi-districts\.geojson, đối tượng \/ feature 2\/2 \(features\[1\]; code "902"; name "Huyện Hở"\): vòng ngoài: không khép kín .* \/ outer ring: is not closed/,
      ],
    );
  });

  it("stops on an authored layer that is not GeoJSON, naming it", async () => {
    await expectUntouched(
      () => writeFileSync(join(dirs.layers, "sector", "broken.geojson"), "{ not json"),
      [
        /^Lỗi \/ Error: .*layers\/sector\/broken\.geojson: không phải JSON hợp lệ .* \/ is not valid JSON/,
      ],
    );
  });

  it("stops on a structure.json that is not JSON", async () => {
    await expectUntouched(
      () => writeFileSync(join(dirs.layers, "city-plan", "structure.json"), "{"),
      [/city-plan\/structure\.json: không phải JSON hợp lệ/],
    );
  });

  it("reports every bad file of a run, not only the first", async () => {
    writeFileSync(join(dirs.source, "hanoi-boundary.geojson"), '{"type":"Feature"}');
    writeFileSync(join(dirs.layers, "sector", "broken.geojson"), "[]");
    const { code, err } = await run({ source: dirs.source, out: dirs.out, layers: dirs.layers });
    expect(code).toBe(2);
    expect(err.slice(0, 2).map((line) => line.match(/\/([\w-]+\.geojson)/)?.[1])).toEqual([
      "hanoi-boundary.geojson",
      "broken.geojson",
    ]);
    expect(existsSync(dirs.out)).toBe(false);
  });

  it("stops when the source folder does not exist or holds no boundaries", async () => {
    const missing = await run({
      source: join(dirs.root, "missing"),
      out: dirs.out,
      layers: dirs.layers,
    });
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain("boundary data folder not found");
    const empty = await run({ source: dirs.layers, out: dirs.out, layers: dirs.layers });
    expect(empty.code).toBe(2);
    expect(empty.err[0]).toContain(
      "has neither hanoi-districts.geojson + hanoi-boundary.geojson nor a dvhcvn file",
    );
  });

  it("reports a generator's refusal as bad input and its bugs as failures, changing nothing", async () => {
    expect((await run({ source: dirs.source, out: dirs.out, layers: dirs.layers })).code).toBe(0);
    const before = snapshot(dirs.out);
    const refusing = await run(
      { source: dirs.source, out: dirs.out, layers: dirs.layers },
      {
        buildPlanLayers: () => {
          throw new Error("layers/sector/roads.geojson: feature #0: no width");
        },
      },
    );
    expect(refusing.code).toBe(2);
    expect(refusing.err.at(-1)).toBe(
      "Lỗi / Error: bộ sinh lớp quy hoạch không dùng được dữ liệu vào: layers/sector/roads.geojson: feature #0: no width / the plan layer generator cannot use its input: layers/sector/roads.geojson: feature #0: no width",
    );
    const buggy = await run(
      { source: dirs.source, out: dirs.out, layers: dirs.layers },
      {
        buildPlanLayers: () => {
          throw new TypeError("cannot read properties of undefined");
        },
      },
    );
    expect(buggy.code).toBe(1);
    expect(buggy.err[0]).toBe("Lỗi không mong đợi / Unexpected error");
    expect(buggy.err[1]).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
    const clashing = await run(
      { source: dirs.source, out: dirs.out, layers: dirs.layers },
      {
        buildPlanLayers: () => ({
          "hanoi-districts": { type: "FeatureCollection", features: [] },
        }),
      },
    );
    expect(clashing.code).toBe(1);
    expect(clashing.err.at(-1)).toContain('unusable layer id: "hanoi-districts"');
    expect(snapshot(dirs.out)).toEqual(before);
  });
});

describe("checkFreshness", () => {
  const where = () => ({ projectRoot: PROJECT_ROOT, cwd: PROJECT_ROOT, env: {} });
  const args = () => ({ source: dirs.source, out: dirs.out, layers: dirs.layers });

  beforeEach(async () => {
    expect((await run(args())).code).toBe(0);
  });

  it("finds fresh data fresh", async () => {
    expect(await checkFreshness(args(), where())).toEqual({ fresh: true });
  });

  it("finds data stale when there is no manifest", async () => {
    rmSync(join(dirs.out, "manifest.json"));
    expect(await checkFreshness(args(), where())).toMatchObject({
      fresh: false,
      reason: { en: "no manifest.json yet" },
    });
  });

  it("finds data stale when an input's modification time changed", async () => {
    const roads = join(dirs.layers, "sector", "roads.geojson");
    const later = new Date(Date.now() + 5000);
    utimesSync(roads, later, later);
    expect(await checkFreshness(args(), where())).toMatchObject({
      fresh: false,
      reason: { en: expect.stringMatching(/^input changed: .*sector\/roads\.geojson$/) },
    });
  });

  it("finds data stale when a layer file is added or removed", async () => {
    writeFileSync(
      join(dirs.layers, "sector", "new.geojson"),
      '{"type":"FeatureCollection","features":[]}',
    );
    expect(await checkFreshness(args(), where())).toMatchObject({
      fresh: false,
      reason: { en: expect.stringMatching(/new\.geojson$/) },
    });
    expect((await run(args())).code).toBe(0);
    rmSync(join(dirs.layers, "sector", "new.geojson"));
    expect(await checkFreshness(args(), where())).toMatchObject({
      fresh: false,
      reason: { en: expect.stringMatching(/new\.geojson$/) },
    });
  });

  it("finds data stale when the generator's code changed", async () => {
    // A project root of its own, so the test can touch "code" without touching the repository.
    const root = join(dirs.root, "project");
    const plan = join(root, "src", "core", "plan", "build-plan-layers.ts");
    mkdirSync(join(root, "src", "core", "plan"), { recursive: true });
    writeFileSync(plan, "export {};\n");
    const here = { projectRoot: root, cwd: root, env: {} };
    expect((await run(args(), { projectRoot: root })).code).toBe(0);
    expect(await checkFreshness(args(), here)).toEqual({ fresh: true });
    const later = new Date(Date.now() + 5000);
    utimesSync(plan, later, later);
    expect(await checkFreshness(args(), here)).toMatchObject({
      fresh: false,
      reason: { en: "code changed: src/core/plan/build-plan-layers.ts" },
    });
  });

  it("finds data stale when an output is missing or the source changed", async () => {
    rmSync(join(dirs.out, "demo-zones.fgb"));
    expect(await checkFreshness(args(), where())).toMatchObject({
      fresh: false,
      reason: { en: "output demo-zones.fgb is missing" },
    });
    expect(await checkFreshness({ ...args(), source: SHARED_ADMIN_DIR }, where())).toMatchObject({
      fresh: false,
      reason: { en: expect.stringContaining("source changed") },
    });
  });
});
