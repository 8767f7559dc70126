import { existsSync } from "node:fs";
import { join } from "node:path";
import { readInputFile } from "../../node/read-input-file";
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
 * The manifest in `outDir`, or null when there is none or it is unreadable (a FIFO or a device in
 * its place too, read safely: the build then replaces it).
 */
export async function readManifest(outDir: string): Promise<Manifest | null> {
  const path = join(outDir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    const { bytes } = await readInputFile(path);
    const parsed = JSON.parse(bytes.toString("utf8")) as Partial<Manifest>;
    if (
      parsed.version !== 1 ||
      !Array.isArray(parsed.inputs) ||
      !Array.isArray(parsed.outputs) ||
      !Array.isArray(parsed.code) ||
      !parsed.source
    ) {
      return null;
    }
    return parsed as Manifest;
  } catch {
    return null;
  }
}
