import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FgbFormatError } from "../../src/io/fgb-error";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { badFiles, zoning } from "../io/bad-fgb";
import type { CliRun } from "./check-helpers";
import { scratchCopy } from "./check-helpers";
import { PROJECT_ROOT } from "./helpers";

/**
 * Corrupt, hostile and special files given to `npm run check`, as a proposal or through the
 * catalogue. Before the readers checked files against their size and type, the FlatGeobuf and
 * FIFO cases hung (100 % CPU, or blocked forever), /dev/zero filled memory, and the rest were
 * checked silently (an empty layer, U+FFFD in a code, colliding ids, a Pacific polygon overlaid
 * on Hanoi). Each run is killed after 60 s, so a hang fails its case instead of the suite.
 */

const HANG_GUARD = { timeout: 120_000 };
const RUN_LIMIT_MS = 60_000;

/**
 * Runs `npm run check -- …` as users do (through scripts/run-cli.mjs) in its own process group,
 * killed whole when it outlives RUN_LIMIT_MS: a hung check's worker threads, and anything a
 * command might start, go with it.
 */
function runCheckCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(PROJECT_ROOT, "scripts", "run-cli.mjs"), "check", ...args],
      {
        cwd: PROJECT_ROOT,
        detached: process.platform !== "win32",
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      if (child.pid === undefined) return;
      try {
        process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, RUN_LIMIT_MS);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Exit 2, nothing on stdout, no stack trace, and every `expected` piece in the message. */
function expectRefused(r: CliRun, ...expected: string[]) {
  expect(r.status, `${r.stderr} (status ${r.status}: null means killed by the timeout)`).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^Lỗi \/ Error: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  for (const piece of expected) expect(r.stderr).toContain(piece);
}

let s: ReturnType<typeof scratchCopy>;
let dir: string;
let catalog: string;
const fifo = () => join(s.root, "pipe.geojson");

beforeAll(() => {
  s = scratchCopy();
  dir = join(s.root, "basic");
  catalog = join(dir, "catalog.json");
  for (const [name, bytes] of Object.entries(badFiles())) writeFileSync(join(dir, name), bytes);
});

afterAll(() => {
  s.done();
});

const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** A proposal: the fixture's zoning layer with `edit` applied. */
function proposal(name: string, edit: (features: Record<string, unknown>[]) => void): string {
  const copy = structuredClone(zoning) as unknown as { features: Record<string, unknown>[] };
  edit(copy.features);
  return write(name, JSON.stringify(copy));
}

const check = (proposalPath: string) =>
  runCheckCli(["--catalog", catalog, "--proposal", proposalPath]);

/** A catalogue whose zoning layer is read from `source` (relative to the catalogue). */
function catalogWithZoning(name: string, source: string): string {
  const value = JSON.parse(readFileSync(catalog, "utf8")) as { layers: { source: string }[] };
  (value.layers[0] as { source: string }).source = source;
  return write(name, JSON.stringify(value));
}

/**
 * The one line the check prints for a broken FlatGeobuf file: the file, then the reader's own
 * words — the very message the app shows after "Không tải được x.fgb:" (before, the CLI wrapped
 * it in "không đọc được tệp FlatGeobuf: … / cannot read the FlatGeobuf file: …").
 */
async function readerLine(name: string): Promise<string> {
  try {
    await readFlatGeobuf(badFiles()[name] as Uint8Array);
  } catch (error) {
    if (error instanceof FgbFormatError) {
      return `Lỗi / Error: ${join(dir, name)}: ${error.problem.vi} / ${error.problem.en}\n`;
    }
    throw error;
  }
  throw new Error(`${name} was read`);
}

describe(
  "npm run check: broken FlatGeobuf files end in exit 2 saying what is wrong",
  HANG_GUARD,
  () => {
    it("a header saying 0 features (count unknown) over an index", async () => {
      const run = await check(join(dir, "zero-count.fgb"));
      expectRefused(
        run,
        "zero-count.fgb",
        "the header says 0 features (count unknown) yet declares a spatial index",
      );
      expect(run.stderr).toBe(await readerLine("zero-count.fgb"));
    });

    it("a layer file cut after 40 bytes, named through the catalogue", async () => {
      const run = await runCheckCli(["--catalog", catalogWithZoning("cut-40.json", "cut-40.fgb")]);
      expectRefused(run, "cut-40.fgb", "only 28 bytes follow: the file is cut short");
      expect(run.stderr).toBe(await readerLine("cut-40.fgb"));
    });

    it("a header claiming 2^40 features", async () => {
      const run = await check(join(dir, "huge-count.fgb"));
      expectRefused(
        run,
        "huge-count.fgb",
        "the header says 1099511627776 (2^40) features but the",
        "have room for at most",
      );
      expect(run.stderr).toBe(await readerLine("huge-count.fgb"));
    });

    it("a file cut inside its index, and one cut inside a feature", async () => {
      const index = await check(join(dir, "cut-index.fgb"));
      expectRefused(index, "cut-index.fgb", "the file is cut short");
      expect(index.stderr).toBe(await readerLine("cut-index.fgb"));
      const feature = await check(join(dir, "cut-feature.fgb"));
      expectRefused(feature, "cut-feature.fgb", "feature 3/3 needs", "the file is cut short");
      expect(feature.stderr).toBe(await readerLine("cut-feature.fgb"));
    });
  },
);

describe(
  "npm run check: sources that are not regular files are refused, never read",
  HANG_GUARD,
  () => {
    it.skipIf(process.platform === "win32")("a FIFO", async () => {
      execFileSync("mkfifo", [fifo()]);
      expectRefused(await check(fifo()), "pipe.geojson", "is a named pipe (FIFO), not a data file");
    });

    it.skipIf(!existsSync("/dev/zero"))("/dev/zero", async () => {
      expectRefused(await check("/dev/zero"), "/dev/zero", "is a character device");
    });

    it("files larger than can be parsed, refused before a byte is read", async () => {
      // Sparse files: their size is set, nothing is written to disk, and nothing must be read.
      const sparse = (name: string, size: number) => {
        const path = write(name, "");
        truncateSync(path, size);
        return path;
      };
      const geojson = sparse("huge.geojson", 600 * 2 ** 20);
      expectRefused(
        await check(geojson),
        "huge.geojson",
        "the file is 600.0 MiB, over the 512.0 MiB limit; convert the layer to FlatGeobuf (.fgb)",
      );
      const fgb = sparse("huge.fgb", 2 ** 31);
      expectRefused(await check(fgb), "huge.fgb", "the file is 2048.0 MiB, over the", "MiB limit");
    });

    it("a folder", async () => {
      expectRefused(await check(join(dir, "layers")), "is a folder, not a data file");
    });
  },
);

describe(
  "npm run check: what would have been read wrongly is refused, naming file and feature",
  HANG_GUARD,
  () => {
    it('invalid UTF-8 inside a value ("OD\\xffT"): file, line and column', async () => {
      const text = JSON.stringify(zoning, null, 1);
      const at = Buffer.from(text).indexOf('"ODT"') + 3;
      const bytes = Buffer.from(text);
      bytes[at] = 0xff;
      const line = text.slice(0, at).split("\n").length;
      expectRefused(
        await check(write("not-utf8.geojson", bytes)),
        "not-utf8.geojson",
        `is not valid UTF-8 text: 0xFF at line ${line}, column`,
      );
    });

    it("a JSON syntax error: line, column and a short excerpt, not the file", async () => {
      const secret = "Bí mật ".repeat(200);
      const path = write(
        "syntax.geojson",
        `{"type": "FeatureCollection",\n "note": "${secret}",\n "features": [,]}`,
      );
      const r = await check(path);
      expectRefused(r, "syntax.geojson", "is not valid JSON at line 3, column 15", "(near «");
      expect(r.stderr).not.toContain(secret.slice(0, 60));
      expect(r.stderr.length).toBeLessThan(800);
    });

    it("duplicate ids: both features named by index and id", async () => {
      const path = proposal("duplicate-ids.geojson", (features) => {
        (features[2] as { id: string }).id = "Z1";
      });
      expectRefused(
        await check(path),
        'duplicate-ids.geojson, đối tượng / feature 3/3 (features[2]; id "Z1"',
        'is also the id of features[0] (id "Z1"',
      );
    });

    it("an id that is an object", async () => {
      const path = proposal("object-id.geojson", (features) => {
        (features[1] as { id: unknown }).id = { zone: 2 };
      });
      expectRefused(
        await check(path),
        "object-id.geojson, đối tượng / feature 2/3 (features[1]",
        'id {"zone":2} is an object; an id must be a string or a number',
      );
    });

    it("a polygon across the antimeridian", async () => {
      const path = proposal("pacific.geojson", (features) => {
        features.push({
          type: "Feature",
          id: "pacific",
          properties: { land_use_code: "ODT" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [179, -10],
                [-179, -10],
                [-179, 60],
                [179, 60],
                [179, -10],
              ],
            ],
          },
        });
      });
      expectRefused(
        await check(path),
        'pacific.geojson, đối tượng / feature 4/4 (features[3]; id "pacific")',
        "crosses the antimeridian; split it into parts at ±180° (RFC 7946 §3.1.9)",
      );
    });
  },
);
