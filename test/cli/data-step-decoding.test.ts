import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import { PROJECT_ROOT, scratch } from "./helpers";

/** `npm run data` over the small fixture, with the real generator never reached (inputs fail). */
async function run(dirs: ReturnType<typeof scratch>): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await runBuild(
    { source: dirs.source, out: dirs.out, layers: dirs.layers, ifStale: false, help: false },
    {
      projectRoot: PROJECT_ROOT,
      cwd: PROJECT_ROOT,
      env: {},
      fetch: () => Promise.reject(new Error("no network in tests")),
      buildPlanLayers: () => {
        throw new Error("the generator must not run on bad inputs");
      },
      now: () => new Date("2025-01-02T03:04:05.000Z"),
      log: () => undefined,
      error: (line) => err.push(line),
    },
  );
  return { code, err };
}

let dirs: ReturnType<typeof scratch>;
beforeEach(() => {
  dirs = scratch();
});
afterEach(() => dirs.done());

describe("npm run data reads its JSON through the shared decoder", () => {
  it("stops on a byte that is not UTF-8, naming file, line and column (it became U+FFFD)", async () => {
    const file = join(dirs.source, "hanoi-districts.geojson");
    const text = readFileSync(file, "utf8");
    const at = Buffer.from(text).indexOf('"name"') + 2;
    const bytes = Buffer.from(text);
    bytes[at] = 0xff;
    writeFileSync(file, bytes);
    const { code, err } = await run(dirs);
    expect(code).toBe(2);
    const line = text.slice(0, at).split("\n").length;
    expect(err[0]).toMatch(
      new RegExp(
        `^Lỗi / Error: .*source/hanoi-districts\\.geojson: không phải văn bản UTF-8 hợp lệ: byte 0xFF ở dòng ${line}, .* / is not valid UTF-8 text: 0xFF at line ${line}, column \\d+ \\(byte offset ${at}\\)`,
      ),
    );
  });

  it("gives a JSON syntax error's line and column with a short excerpt", async () => {
    writeFileSync(
      join(dirs.layers, "sector", "broken.geojson"),
      '{\n  "type": "FeatureCollection",\n  "features": [}\n}',
    );
    const { code, err } = await run(dirs);
    expect(code).toBe(2);
    expect(err[0]).toContain("broken.geojson: không phải JSON hợp lệ ở dòng 3, cột 16");
    expect(err[0]).toContain(
      'is not valid JSON at line 3, column 16: found "}" where a JSON value was expected',
    );
  });
});
