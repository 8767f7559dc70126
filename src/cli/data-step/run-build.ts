import { statSync } from "node:fs";
import { join } from "node:path";
import type { ExpectedDistricts } from "../../core/admin/expected-districts";
import type { Bilingual, ValidationIssue } from "../../core/validate/validation-issue";
import { formatIssue } from "../../core/validate/validation-issue";
import type { DataArgs } from "./args";
import { type BuildOutcome, buildOutputs } from "./build-outputs";
import { codePaths, displayPath, planSource, relativePosix, sourceFileList } from "./input-files";
import { DOWNLOAD_LIMIT, type Fetch, type LoadedInputs, loadInputs, sha256 } from "./load-inputs";
import {
  MANIFEST_FILE,
  type Manifest,
  type ManifestRead,
  readManifest,
  unusableManifest,
} from "./manifest";
import { bilingual, DataStepError, type ExitCode } from "./messages";
import type { BuildPlanLayers } from "./plan-generator";
import {
  type Locations,
  type RecordedSource,
  recordedSource,
  resolveFolders,
  resolveSource,
  SOURCE_ENV,
  type SourceSpec,
} from "./source-spec";
import { writeOutputsAtomically } from "./write-outputs";

/** Everything the build touches outside its inputs, injected so tests run it in-process. */
export type BuildDeps = Locations & {
  fetch: Fetch;
  buildPlanLayers: BuildPlanLayers;
  /** The units each province must have (default `EXPECTED_DISTRICTS`); tests declare their own. */
  expectedDistricts?: ExpectedDistricts;
  /** The most a downloaded source may be, in bytes (default `DOWNLOAD_LIMIT`'s); tests lower it. */
  maxDownloadBytes?: number;
  now: () => Date;
  /** Where normal lines go (stdout in the CLI). */
  log: (line: string) => void;
  /** Where problems go (stderr in the CLI). */
  error: (line: string) => void;
};

/** Issues printed for one failed run; the rest are counted, so a broken file does not flood. */
const MAX_PRINTED_ISSUES = 20;

function printIssues(issues: readonly ValidationIssue[], print: (line: string) => void): void {
  for (const issue of issues.slice(0, MAX_PRINTED_ISSUES)) print(formatIssue(issue));
  const more = issues.length - MAX_PRINTED_ISSUES;
  if (more > 0)
    print(bilingual({ vi: `… và ${more} vấn đề khác`, en: `… and ${more} more problems` }));
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MB`
    : `${(bytes / 1024).toFixed(1)} kB`;

function manifestOf(
  outcome: Extract<BuildOutcome, { ok: true }>,
  inputs: LoadedInputs,
  source: RecordedSource,
  generatedAt: string,
  projectRoot: string,
): Manifest {
  return {
    version: 1,
    generatedAt,
    source,
    inputs: [
      ...sourceFileList(inputs),
      ...inputs.layers.values(),
      ...(inputs.structure ? [inputs.structure] : []),
    ].map((input) => input.record),
    code: codePaths(projectRoot).map((path) => ({
      path: relativePosix(projectRoot, path),
      mtimeMs: statSync(path).mtimeMs,
    })),
    outputs: outcome.outputs.map((output) => ({
      file: output.file,
      bytes: output.bytes.length,
      sha256: sha256(output.bytes),
      ...(output.features === undefined ? {} : { features: output.features }),
    })),
    warnings: outcome.warnings.map(formatIssue),
  };
}

/** "using X instead; to use another folder, run: npm run data -- --source DIR". */
const usingInstead = (source: SourceSpec): Bilingual => ({
  vi: `dùng ${source.location} thay thế; để dùng thư mục khác, hãy chạy: npm run data -- --source THƯ_MỤC`,
  en: `using ${source.location} instead; to use another folder, run: npm run data -- --source DIR`,
});

/**
 * What to tell the user before a build about the manifest and the source it remembers: a manifest
 * that cannot be used (it is rebuilt; when the source it remembered cannot be read from it, which
 * source is used now and how to give another), and a remembered source that is gone.
 */
function sourceNotes(
  read: ManifestRead,
  recorded: RecordedSource | null,
  source: SourceSpec,
): Bilingual[] {
  const notes: Bilingual[] = [];
  const givenNow = source.origin === "option" || source.origin === "env";
  if (read.state === "unusable") {
    const { vi, en } = unusableManifest(read);
    notes.push({ vi: `${vi}; tệp sẽ được ghi lại`, en: `${en}; it will be written anew` });
    if (!recorded && !givenNow) {
      const instead = usingInstead(source);
      notes.push({
        vi: `Không biết nguồn dữ liệu ranh giới của các lần chạy trước (nếu đã chỉ ra bằng --source hay ${SOURCE_ENV}); ${instead.vi}`,
        en: `The boundary source of earlier runs (if one was given with --source or ${SOURCE_ENV}) is not known; ${instead.en}`,
      });
    }
  }
  if (recorded?.given && source.origin !== "remembered" && !givenNow) {
    const instead = usingInstead(source);
    notes.push({
      vi: `Nguồn dữ liệu đã dùng lần trước không còn: ${recorded.location}; ${instead.vi}`,
      en: `The boundary source of the last run is gone: ${recorded.location}; ${instead.en}`,
    });
  }
  return notes;
}

/**
 * `npm run data` without `--if-stale`: reads the boundary source (folder or URL) and the authored
 * layers, validates them all, generates the plan layers, and replaces the output folder's files
 * only when everything succeeded. Returns the exit code: 0 done, 2 bad input, 1 other failure.
 */
export async function runBuild(args: DataArgs, deps: BuildDeps): Promise<ExitCode> {
  const started = Date.now();
  try {
    const { outDir, layersDir } = resolveFolders(args, deps);
    const outName = displayPath(deps.projectRoot, outDir);
    const read = await readManifest(
      outDir,
      displayPath(deps.projectRoot, join(outDir, MANIFEST_FILE)),
    );
    const previous = read.state === "read" ? read.manifest : null;
    const recorded = previous ? previous.source : read.state === "unusable" ? read.source : null;
    const source = resolveSource(args, deps, recorded);
    for (const note of sourceNotes(read, recorded, source)) deps.log(bilingual(note));
    if (source.origin === "fallback") {
      deps.log(
        bilingual({
          vi: `Không có thư mục ../shared/data/vn-admin; tải dữ liệu ranh giới chính thức từ ${source.location}`,
          en: `No ../shared/data/vn-admin folder; downloading the official boundaries from ${source.location}`,
        }),
      );
    }
    const plan = planSource(source);
    const downloadLimit =
      deps.maxDownloadBytes === undefined
        ? DOWNLOAD_LIMIT
        : { ...DOWNLOAD_LIMIT, bytes: deps.maxDownloadBytes };
    const inputs = await loadInputs(
      source,
      plan,
      layersDir,
      deps.projectRoot,
      deps.fetch,
      downloadLimit,
    );
    const generatedAt = deps.now().toISOString();
    const outcome = buildOutputs(inputs, {
      buildPlanLayers: deps.buildPlanLayers,
      generatedAt,
      ...(deps.expectedDistricts ? { expectedDistricts: deps.expectedDistricts } : {}),
    });
    if (!outcome.ok) {
      // Warnings would only bury the errors here; they come back once the errors are fixed.
      printIssues(
        outcome.issues.filter((issue) => issue.severity === "error"),
        deps.error,
      );
      deps.error(
        bilingual({
          vi: `Không tệp nào trong ${outName} bị thay đổi`,
          en: `No file in ${outName} was changed`,
        }),
      );
      return outcome.exitCode;
    }
    printIssues(outcome.warnings, deps.error);
    const manifest = manifestOf(
      outcome,
      inputs,
      recordedSource(source),
      generatedAt,
      deps.projectRoot,
    );
    await writeOutputsAtomically(outDir, outcome.outputs, manifest, previous);
    for (const output of outcome.outputs) {
      const features =
        output.features === undefined ? "" : `, ${output.features} đối tượng / features`;
      deps.log(`  ${output.file}  ${sizeText(output.bytes.length)}${features}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const remembered =
      source.origin === "remembered"
        ? { vi: ", đã nhớ từ lần chạy trước", en: ", remembered from an earlier run" }
        : { vi: "", en: "" };
    deps.log(
      bilingual({
        vi: `Đã ghi ${outcome.outputs.length + 1} tệp vào ${outName} trong ${seconds} giây (nguồn: ${source.location}${remembered.vi})`,
        en: `Wrote ${outcome.outputs.length + 1} files to ${outName} in ${seconds} s (source: ${source.location}${remembered.en})`,
      }),
    );
    return 0;
  } catch (error) {
    if (error instanceof DataStepError) {
      deps.error(`${error.exitCode === 2 ? "Lỗi / Error" : "Thất bại / Failed"}: ${error.message}`);
      return error.exitCode;
    }
    // Not the user's doing: a bug or the system (disk full, permissions); the stack helps a maintainer.
    deps.error(bilingual({ vi: "Lỗi không mong đợi", en: "Unexpected error" }));
    deps.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
