import { createHash } from "node:crypto";
import { JSON_LIMIT, type SizeLimit, tooLargeText } from "../../core/validate/size-limit";
import { decodeUtf8 } from "../../core/validate/utf8";
import type { Bilingual } from "../../core/validate/validation-issue";
import { readCappedBody } from "../../io/capped-body";
import type { ReadResult } from "../../io/format-types";
import { DEFAULT_READ_LIMITS } from "../../io/read-limits";
import { readSource } from "../../io/registry";
import { readInputFile } from "../../node/read-input-file";
import {
  displayPath,
  layerPaths,
  relativePosix,
  type SourceFiles,
  type SourcePlan,
  STRUCTURE_FILE,
} from "./input-files";
import type { ManifestInput } from "./manifest";
import { DataStepError } from "./messages";
import { SOURCE_ENV, type SourceSpec } from "./source-spec";

/** A text input, with the name messages use and the record the manifest keeps. */
export type TextInput = { name: string; text: string; record: ManifestInput };

/** An authored layer as the format registry read it (coordinates as in the file). */
export type LayerInput = { name: string; read: ReadResult; record: ManifestInput };

export type LoadedInputs = SourceFiles<TextInput> & {
  /** Authored layers keyed by their path relative to layers/, e.g. "sector/ring-roads.geojson". */
  layers: Map<string, LayerInput>;
  structure: TextInput | null;
};

/** The fetch the data step uses; injected so tests never reach the network. */
export type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

const FETCH_TIMEOUT_MS = 60_000;

/**
 * A downloaded source is JSON read as one string, like a file: the file reader's JSON limit. The
 * real file is about 1.4 MiB, so a body anywhere near it is the wrong URL or a hostile server.
 */
export const DOWNLOAD_LIMIT: SizeLimit = {
  bytes: JSON_LIMIT.bytes,
  advice: {
    vi: "tệp dvhcvn của Hà Nội chỉ khoảng 1,4 MiB: hãy kiểm tra URL, hoặc tải tệp về một thư mục rồi chạy: npm run data -- --source THƯ_MỤC",
    en: "Hà Nội's dvhcvn file is about 1.4 MiB: check the URL, or download the file into a folder and run: npm run data -- --source DIR",
  },
};

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A problem with input `name`: the step stops with it (exit 2). */
const inputProblem = (name: string, { vi, en }: Bilingual) =>
  new DataStepError({ vi: `${name}: ${vi}`, en }, 2);

/**
 * The text of an input, decoded as strict UTF-8 by the decoder the check and the app use: a byte
 * that is not UTF-8 stops the step naming the file, line and column, instead of becoming U+FFFD.
 *
 * @throws DataStepError (exit 2) when the bytes are not UTF-8
 */
function decodeInput(bytes: Uint8Array, name: string): string {
  const decoded = decodeUtf8(bytes, name);
  if (decoded.ok) return decoded.text;
  throw inputProblem(name, decoded.issue.message);
}

/**
 * Reads an input file through the check's safe reader: a FIFO, a device or a folder under a data
 * file's name, or a file over the JSON limit, stops the step naming it instead of hanging or
 * crashing.
 */
async function readTextFile(path: string, projectRoot: string): Promise<TextInput> {
  const { name, bytes, record } = await readBytesFile(path, projectRoot);
  return { name, text: decodeInput(bytes, name), record };
}

/** An input file's bytes, with its name for messages and its manifest record. */
async function readBytesFile(path: string, projectRoot: string) {
  const name = displayPath(projectRoot, path);
  // mtime as the file was opened: a file changed mid-read then looks changed to the next --if-stale
  const { bytes, mtimeMs } = await readInputFile(path, {
    fail: (problem) => inputProblem(name, problem),
  });
  const record: ManifestInput = {
    path: relativePosix(projectRoot, path),
    mtimeMs,
    bytes: bytes.length,
    sha256: sha256(bytes),
  };
  return { name, bytes, record };
}

/**
 * An authored layer read through the format registry, as the check and the app read layers: what
 * is wrong with it comes back as problems, for the build to report with the other inputs'.
 */
async function readLayerInput(path: string, projectRoot: string): Promise<LayerInput> {
  const { name, bytes, record } = await readBytesFile(path, projectRoot);
  const read = await readSource([{ name, bytes }], { limits: DEFAULT_READ_LIMITS });
  return { name, read, record };
}

function offlineAdvice(url: string, problem: string): DataStepError {
  return new DataStepError(
    {
      vi:
        `Không tải được dữ liệu ranh giới từ ${url} (${problem}). Nếu có thư mục dữ liệu (bản sao ` +
        "của shared/data/vn-admin), hãy chạy: npm run data -- --source /đường/dẫn/tới/vn-admin " +
        `(hoặc đặt biến ${SOURCE_ENV}); các lần chạy sau, kể cả npm start và npm test, sẽ nhớ ` +
        "thư mục đó. Hoặc chép thư mục đó vào ../shared/data/vn-admin cạnh thư mục dự án rồi chạy lại",
      en:
        `Could not download the boundary data from ${url} (${problem}). If you have the data ` +
        "folder (a copy of shared/data/vn-admin), run: npm run data -- --source /path/to/vn-admin " +
        `(or set ${SOURCE_ENV}); later runs, npm start and npm test included, remember it. Or ` +
        "copy that folder to ../shared/data/vn-admin beside the project folder, then run again",
    },
    1,
  );
}

function networkProblem(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string }) : null;
  if (cause?.code) return cause.code;
  if (error instanceof Error && error.name === "TimeoutError") return "timeout";
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Downloads the source, its body read as a stream under `limit` (a Content-Length over it is
 * refused before a byte is read; a body that grows past it is cut off there): before, the whole
 * body was held until the 60 s timeout, and text over 512 MiB was reported as not UTF-8.
 */
async function fetchText(url: string, fetchFn: Fetch, limit: SizeLimit): Promise<TextInput> {
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw offlineAdvice(url, networkProblem(error));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw offlineAdvice(url, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  let body: Awaited<ReturnType<typeof readCappedBody>>;
  try {
    body = await readCappedBody(response, limit.bytes);
  } catch (error) {
    throw offlineAdvice(url, networkProblem(error));
  }
  if (!body.ok) throw inputProblem(url, tooLargeText(body.size, limit));
  const { bytes } = body;
  return {
    name: url,
    text: decodeInput(bytes, url),
    record: { path: url, mtimeMs: null, bytes: bytes.length, sha256: sha256(bytes) },
  };
}

/**
 * Reads (or downloads) every input the plan names, and the authored layers.
 *
 * @param downloadLimit - the most a download may be (default {@link DOWNLOAD_LIMIT}; tests lower it)
 */
export async function loadInputs(
  source: SourceSpec,
  plan: SourcePlan,
  layersDir: string,
  projectRoot: string,
  fetchFn: Fetch,
  downloadLimit: SizeLimit = DOWNLOAD_LIMIT,
): Promise<LoadedInputs> {
  const read = (path: string) => readTextFile(path, projectRoot);
  let admin: LoadedInputs["admin"];
  if (plan.admin.kind === "geojson") {
    admin = {
      kind: "geojson",
      districts: await read(plan.admin.districts),
      boundary: await read(plan.admin.boundary),
    };
  } else {
    admin = {
      kind: "dvhcvn",
      file:
        source.kind === "url"
          ? await fetchText(plan.admin.file, fetchFn, downloadLimit)
          : await read(plan.admin.file),
    };
  }
  const layers = new Map<string, LayerInput>();
  let structure: TextInput | null = null;
  for (const path of layerPaths(layersDir)) {
    const key = relativePosix(layersDir, path);
    if (key === STRUCTURE_FILE) structure = await read(path);
    else layers.set(key, await readLayerInput(path, projectRoot));
  }
  return {
    admin,
    simplifiedProvinces: plan.simplifiedProvinces ? await read(plan.simplifiedProvinces) : null,
    detailedProvinces: plan.detailedProvinces ? await read(plan.detailedProvinces) : null,
    layers,
    structure,
  };
}
