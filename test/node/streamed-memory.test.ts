import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { STREAM_FROM_BYTES } from "../../src/node/streamed-layer";
import { PROJECT_ROOT } from "../cli/helpers";
import { writeStreamingData } from "./streaming-layers";

/*
 * Streaming bounds memory: a FlatGeobuf layer of 62 500 zones of 49 vertices (~58 MiB, ~300 MiB
 * of heap once decoded; under the 64 MiB from which layers stream by default), generated here, is checked by a process whose heap (128 MiB) cannot hold it decoded —
 * the whole-file path refuses it there — and streamed with a small window it gives the findings
 * the whole-file path gives with a heap that holds it.
 */
const HEAP_MB = 128;
let dir = "";
let catalog = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-stream-memory-"));
  catalog = writeStreamingData(dir, 250, ["fgb"], 12).fgb as string;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(out: string, extra: string[], heapMb?: number) {
  const r = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, "scripts", "run-cli.mjs"),
      "check",
      "--catalog",
      catalog,
      "--rules",
      "zones-on-rice,zones-overlap",
      "--format",
      "csv",
      "--out",
      join(dir, out),
      "--workers",
      "1",
      ...extra,
    ],
    {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      timeout: 600_000,
      env: {
        ...process.env,
        NODE_OPTIONS: heapMb ? `--max-old-space-size=${heapMb}` : "",
      },
    },
  );
  return { status: r.status, stderr: r.stderr };
}

it("streams a layer larger than the heap can hold decoded, with the same findings", () => {
  const layer = statSync(join(dir, "city-plan.fgb")).size;
  // decoded, a FlatGeobuf layer takes 4 to 6 times its size in heap
  expect(layer * 4).toBeGreaterThan(HEAP_MB * 2 ** 20 * 1.5);
  expect(layer).toBeLessThan(STREAM_FROM_BYTES);
  const refused = check("small-whole.csv", [], HEAP_MB);
  expect(refused.status, refused.stderr).toBe(2);
  expect(refused.stderr).toContain("city-plan.fgb");
  const streamed = check("small-streamed.csv", ["--window", "256"], HEAP_MB);
  expect(streamed.status, streamed.stderr).toBe(1);
  const whole = check("whole.csv", []);
  expect(whole.status, whole.stderr).toBe(1);
  const findings = readFileSync(join(dir, "whole.csv"), "utf8");
  expect(findings.split("\n").length).toBeGreaterThan(5000);
  expect(readFileSync(join(dir, "small-streamed.csv"), "utf8")).toBe(findings);
}, 1_200_000);
