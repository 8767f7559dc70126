import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { showValue } from "../../core/text/show-value";
import { parseJsonBytes } from "../../core/validate/json-text";
import type { Bilingual } from "../../core/validate/validation-issue";
import { readInputFile, specialFileKind } from "../../node/read-input-file";
import type { RecordedSource } from "./source-spec";

export const MANIFEST_FILE = "manifest.json";

/** An input as read: `path` relative to the project root (or the URL), its mtime and content hash. */
export type ManifestInput = {
  path: string;
  /** Modification time in ms since the epoch; null for a URL. */
  mtimeMs: number | null;
  bytes: number;
  sha256: string;
};

export type ManifestOutput = {
  /** File name inside the output folder. */
  file: string;
  bytes: number;
  sha256: string;
  /** Feature count of a FlatGeobuf output. */
  features?: number;
};

/**
 * data/manifest.json: what the last build read and wrote, so `--if-stale` can tell whether to
 * rebuild, and a reader can see where the data came from.
 */
export type Manifest = {
  version: 1;
  generatedAt: string;
  /**
   * The boundary source read; `given` when the user gave it (`--source` or the environment
   * variable), so later runs without one keep using it (see `resolveSource`).
   */
  source: RecordedSource;
  inputs: ManifestInput[];
  /** Code of the data step and the plan generator, by mtime (see `codePaths`). */
  code: { path: string; mtimeMs: number }[];
  outputs: ManifestOutput[];
  /** Warnings printed during the build, kept for the record. */
  warnings: string[];
};

/**
 * What reading the manifest gave: none yet, a manifest, or a file that cannot be used — what is
 * wrong with it, and the source it remembers when that part can still be read.
 */
export type ManifestRead =
  | { state: "none" }
  | { state: "read"; manifest: Manifest }
  | { state: "unusable"; file: string; problem: Bilingual; source: RecordedSource | null };

/** Thrown inside {@link readManifest} with what is wrong with the file. */
class Unusable extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The source record of a manifest, when it is one (else the source is not known). */
function sourceRecord(value: unknown): RecordedSource | null {
  if (!isObject(value)) return null;
  const { kind, location, given } = value;
  if ((kind !== "dir" && kind !== "url") || typeof location !== "string" || location === "") {
    return null;
  }
  if (given === undefined) return { kind, location };
  return given === "option" || given === "env" ? { kind, location, given } : null;
}

const listOf = (value: unknown, ok: (entry: Record<string, unknown>) => boolean) =>
  Array.isArray(value) && value.every((entry) => isObject(entry) && ok(entry));

/** The first thing wrong with a parsed manifest, or null when it is one this step wrote. */
function shapeProblem(value: unknown): Bilingual | null {
  if (!isObject(value)) {
    return { vi: "không phải một đối tượng JSON", en: "is not a JSON object" };
  }
  if (value.version === undefined) {
    return { vi: 'thiếu "version"', en: '"version" is missing' };
  }
  if (value.version !== 1) {
    const found = showValue(value.version);
    return {
      vi: `"version" là ${found}, bước dữ liệu này ghi phiên bản 1`,
      en: `"version" is ${found}, this data step writes version 1`,
    };
  }
  const path = (entry: Record<string, unknown>) => typeof entry.path === "string";
  const mtime = (entry: Record<string, unknown>) =>
    entry.mtimeMs === null || typeof entry.mtimeMs === "number";
  const fields: [string, boolean][] = [
    ["source", sourceRecord(value.source) !== null],
    ["inputs", listOf(value.inputs, (entry) => path(entry) && mtime(entry))],
    ["code", listOf(value.code, (entry) => path(entry) && mtime(entry))],
    ["outputs", listOf(value.outputs, (entry) => typeof entry.file === "string")],
  ];
  const bad = fields.find(([, ok]) => !ok)?.[0];
  if (!bad) return null;
  return {
    vi: `"${bad}" thiếu hoặc không đúng dạng bước dữ liệu ghi`,
    en: `"${bad}" is missing or not as the data step writes it`,
  };
}

/**
 * The manifest in `outDir`, read safely (a FIFO or a device in its place is refused, not waited
 * on). A file that cannot be used — unreadable, not JSON, not a manifest of this step — is
 * reported as such, never taken for "no manifest yet": the build says so and writes it anew, and
 * the source it remembered is kept when that part of it can still be read.
 *
 * @param shownName - the name to give the file in messages, e.g. "data/manifest.json"
 */
export async function readManifest(outDir: string, shownName?: string): Promise<ManifestRead> {
  const path = join(outDir, MANIFEST_FILE);
  const file = shownName ?? path;
  if (!existsSync(path)) return { state: "none" };
  // Said here, not by the reader: its advice ("give the path of a regular file") is for inputs.
  const kind = specialFileKind(statSync(path));
  if (kind) return { state: "unusable", file, problem: kind, source: null };
  let parsed: unknown;
  try {
    const { bytes } = await readInputFile(path, { fail: (problem) => new Unusable(problem) });
    const json = parseJsonBytes(bytes, file);
    if (!json.ok) throw new Unusable(json.issue.message);
    parsed = json.value;
  } catch (error) {
    if (!(error instanceof Unusable)) throw error;
    return { state: "unusable", file, problem: error.problem, source: null };
  }
  const problem = shapeProblem(parsed);
  if (problem) {
    const source = isObject(parsed) ? sourceRecord(parsed.source) : null;
    return { state: "unusable", file, problem, source };
  }
  return { state: "read", manifest: parsed as Manifest };
}

/** "data/manifest.json cannot be used (what is wrong)". */
export function unusableManifest(read: Extract<ManifestRead, { state: "unusable" }>): Bilingual {
  return {
    vi: `không dùng được ${read.file} (${read.problem.vi})`,
    en: `${read.file} cannot be used (${read.problem.en})`,
  };
}
