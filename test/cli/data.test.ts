import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import {
  closedPort,
  runData as data,
  FIXTURES,
  SHARED_ADMIN_DIR,
  scratch,
  serve,
  snapshot,
} from "./helpers";

let dirs: ReturnType<typeof scratch>;
beforeEach(() => {
  dirs = scratch();
});
afterEach(() => {
  dirs.done();
});

describe("npm run data (end to end)", () => {
  it("converts the official dvhcvn file of a --source folder into --out, then --if-stale does nothing, quickly", async () => {
    // The official source, read from the shared folder into a scratch folder outside the repo.
    const source = join(dirs.root, "dvhcvn");
    mkdirSync(source);
    copyFileSync(join(SHARED_ADMIN_DIR, "source", "dvhcvn-gis-01.json"), join(source, "01.json"));
    const built = await data("--source", source, "--out", dirs.out);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Wrote \d+ files to /);
    const files = readdirSync(dirs.out);
    expect(files).toEqual(
      expect.arrayContaining([
        "hanoi-districts.fgb",
        "hanoi-boundary.fgb",
        "provinces.fgb",
        "districts-index.json",
        "manifest.json",
      ]),
    );
    const districts = await readFlatGeobuf(
      new Uint8Array(readFileSync(join(dirs.out, "hanoi-districts.fgb"))),
    );
    expect(districts.features.map((feature) => feature.id).sort()).toHaveLength(30);

    const before = snapshot(dirs.out);
    const again = await data("--source", source, "--out", dirs.out, "--if-stale");
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split("\n")).toHaveLength(1);
    expect(again.stdout).toContain("is up to date; nothing to do");
    expect(snapshot(dirs.out)).toEqual(before);
  }, 120_000);

  it("exits 2 on bad input, naming file and feature, and writes nothing", async () => {
    writeFileSync(
      join(dirs.source, "hanoi-districts.geojson"),
      readFileSync(join(FIXTURES, "unclosed-districts.geojson")),
    );
    const result = await data("--source", dirs.source, "--out", dirs.out, "--layers", dirs.layers);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /hanoi-districts\.geojson, đối tượng \/ feature 2\/2 \(features\[1\]; code "902"; name "Huyện Hở"\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dirs.out)).toBe(false);
  }, 120_000);

  it("downloads from a URL, and exits 1 with advice when the host cannot be reached", async () => {
    const server = await serve(
      readFileSync(join(SHARED_ADMIN_DIR, "source", "dvhcvn-gis-01.json")),
    );
    try {
      const ok = await data("--source", server.url, "--out", dirs.out);
      expect(ok.code).toBe(0);
      expect(server.requests).toEqual(["/data/gis/01.json"]);
    } finally {
      await server.close();
    }
    const port = await closedPort();
    const offline = await data(
      "--source",
      `http://127.0.0.1:${port}/01.json`,
      "--out",
      join(dirs.root, "other"),
    );
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain("ECONNREFUSED");
    expect(offline.stderr).toContain("npm run data -- --source /path/to/vn-admin");
    expect(existsSync(join(dirs.root, "other"))).toBe(false);
  }, 120_000);

  it("exits 2 with the usage on an unknown option", async () => {
    const result = await data("--sauce", "x");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option: --sauce");
    expect(result.stderr).toContain("Usage: npm run data");
  });
});
