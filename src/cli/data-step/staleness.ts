import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Bilingual } from "../../core/validate/validation-issue";
import type { DataArgs } from "./args";
import {
  codePaths,
  displayPath,
  layerPaths,
  planSource,
  relativePosix,
  sourceFileList,
} from "./input-files";
import { MANIFEST_FILE, readManifest } from "./manifest";
import { DataStepError } from "./messages";
import { isUrl, type Locations, resolveFolders, resolveSource } from "./source-spec";

export type Freshness = { fresh: true } | { fresh: false; reason: Bilingual };

const stale = (vi: string, en: string): Freshness => ({ fresh: false, reason: { vi, en } });

const mtimeOf = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : null);

/**
 * First path whose presence or mtime differs from what the manifest recorded, or null. A URL has no
 * mtime: only its presence counts.
 */
function firstChange(
  recorded: readonly { path: string; mtimeMs: number | null }[],
  current: readonly string[],
  projectRoot: string,
): string | null {
  const before = new Map(recorded.map((entry) => [entry.path, entry.mtimeMs]));
  const now = current.map((path) => (isUrl(path) ? path : relativePosix(projectRoot, path)));
  for (const [index, path] of now.entries()) {
    if (!before.has(path)) return path;
    if (isUrl(path)) continue;
    if (mtimeOf(current[index] as string) !== before.get(path)) return path;
  }
  const nowSet = new Set(now);
  return recorded.find((entry) => !nowSet.has(entry.path))?.path ?? null;
}

/**
 * Whether `data/` can be kept as it is: its manifest exists, names the same source, the same
 * input files (source files and layers/**) with the mtimes they had when read, the same code
 * files unchanged, and every output it lists is present. Uses only the file system's metadata, so
 * it answers in milliseconds.
 */
export async function checkFreshness(
  args: Pick<DataArgs, "source" | "out" | "layers">,
  where: Locations,
): Promise<Freshness> {
  const { outDir, layersDir } = resolveFolders(args, where);
  const read = await readManifest(
    outDir,
    displayPath(where.projectRoot, join(outDir, MANIFEST_FILE)),
  );
  if (read.state === "none") return stale("chưa có manifest.json", "no manifest.json yet");
  // Short: the build that follows says what is wrong with it, and what it does about the source.
  if (read.state === "unusable") {
    return stale(`không dùng được ${read.file}`, `${read.file} cannot be used`);
  }
  const { manifest } = read;
  const source = resolveSource(args, where, manifest.source);
  if (source.kind !== manifest.source.kind || source.location !== manifest.source.location) {
    return stale(
      `nguồn dữ liệu đã đổi thành ${source.location}`,
      `the boundary source changed to ${source.location}`,
    );
  }
  let inputs: string[];
  try {
    inputs = [...sourceFileList(planSource(source)), ...layerPaths(layersDir)];
  } catch (error) {
    if (error instanceof DataStepError) return { fresh: false, reason: error.text };
    throw error;
  }
  const input = firstChange(manifest.inputs, inputs, where.projectRoot);
  if (input) return stale(`dữ liệu vào đã đổi: ${input}`, `input changed: ${input}`);
  const code = firstChange(manifest.code, codePaths(where.projectRoot), where.projectRoot);
  if (code) return stale(`mã nguồn đã đổi: ${code}`, `code changed: ${code}`);
  const missing = manifest.outputs.find((output) => !existsSync(join(outDir, output.file)));
  if (missing)
    return stale(`thiếu tệp kết quả ${missing.file}`, `output ${missing.file} is missing`);
  return { fresh: true };
}
