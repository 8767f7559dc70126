import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach } from "vitest";
import type { DataArgs } from "../../src/cli/data-step/args";
import type { BuildDeps } from "../../src/cli/data-step/run-build";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("../fixtures/admin/", import.meta.url));
/** The official reference data beside the project, read in place (never copied into the repo). */
export const SHARED_ADMIN_DIR = join(PROJECT_ROOT, "..", "shared", "data", "vn-admin");
/** Whether that folder is there: tests of the official data skip without it. */
export const HAS_SHARED = existsSync(join(SHARED_ADMIN_DIR, "hanoi-districts.geojson"));
/** Whether FIFOs can be made here: tests of a run stuck on one skip without. */
export const HAS_MKFIFO =
  process.platform !== "win32" && spawnSync("mkfifo", ["--version"]).status === 0;

/** Options of a build: a folder source (or none), the scratch output and layers folders. */
export function buildArgs(source: string | null, out: string, layers: string): DataArgs {
  return { source, out, layers, ifStale: false, help: false };
}

/**
 * What `runBuild` needs, for a build in-process rooted at `root`: no network, no generator, a
 * fixed clock, lines collected in `lines`.
 */
export function buildDeps(
  root: string,
  lines: string[],
  overrides: Partial<BuildDeps> = {},
): BuildDeps {
  return {
    projectRoot: root,
    cwd: root,
    env: {},
    fetch: () => Promise.reject(new Error("no network in tests")),
    buildPlanLayers: () => ({}),
    now: () => new Date("2025-01-02T03:04:05.000Z"),
    log: (line) => lines.push(line),
    error: (line) => lines.push(line),
    ...overrides,
  };
}

/** A scratch folder holding a copy of the small fixture source and layers. */
export function scratch(): {
  root: string;
  source: string;
  layers: string;
  out: string;
  done: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), "plan-layers-data-"));
  const source = join(root, "source");
  const layers = join(root, "layers");
  cpSync(join(FIXTURES, "small-source"), source, { recursive: true });
  cpSync(join(FIXTURES, "small-layers"), layers, { recursive: true });
  return {
    root,
    source,
    layers,
    out: join(root, "out"),
    done: () => rmSync(root, { recursive: true, force: true }),
  };
}

export type Scratch = ReturnType<typeof scratch>;

/**
 * A fresh scratch folder for every test of the calling file, removed after it: call at the top
 * level, then `dirs()` inside a test.
 */
export function scratchPerTest(): () => Scratch {
  let current: Scratch | null = null;
  beforeEach(() => {
    current = scratch();
  });
  afterEach(() => {
    current?.done();
    current = null;
  });
  return () => {
    if (!current) throw new Error("scratchPerTest: only inside a test");
    return current;
  };
}

/** Name → [bytes, mtime] of every file in a folder, to prove a failed run changed nothing. */
export function snapshot(dir: string): Record<string, [string, number]> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      [readFileSync(join(dir, name)).toString("base64"), statSync(join(dir, name)).mtimeMs],
    ]),
  );
}

/** A local HTTP server answering every request with `body` (or `status`), on 127.0.0.1. */
export async function serve(
  body: Uint8Array | string,
  status = 200,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.writeHead(status, { "content-type": "application/json" });
    response.end(status === 200 ? body : "not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/data/gis/01.json`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound, then released), for the offline case. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type DataRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `node scripts/run-cli.mjs data …` as a user would (PLAN_LAYERS_ADMIN_SOURCE unset); async so
 * a test server can answer.
 */
export function runData(...args: string[]): Promise<DataRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(PROJECT_ROOT, "scripts", "run-cli.mjs"), "data", ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PLAN_LAYERS_ADMIN_SOURCE: "" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
