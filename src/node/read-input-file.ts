import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { specialFileKind } from "../../scripts/file-kind.mjs";
import { JSON_LIMIT, type SizeLimit, tooLargeText } from "../core/validate/size-limit";
import type { Bilingual } from "../core/validate/validation-issue";
import { inputError, shownPath } from "./check-error";

export type { SizeLimit };

/**
 * What a file that is not a regular file is ("is a named pipe (FIFO)"), for the message refusing
 * it (as an input, or as `--out`); null for a regular file. Shared with `vite build`.
 */
export { specialFileKind };

function openProblem(error: unknown, hint?: string): Bilingual {
  const code = (error as NodeJS.ErrnoException).code;
  const extra = hint ? ` (${hint})` : "";
  if (code === "ENOENT") return { vi: `không tìm thấy tệp${extra}`, en: `file not found${extra}` };
  const detail = error instanceof Error ? error.message : String(error);
  return { vi: `không đọc được tệp (${detail})`, en: `cannot read the file (${detail})` };
}

/** Thrown inside {@link readInputFile} for a problem to word as the caller's error. */
class Refused extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

type ReadInputOptions = {
  /** Said after "file not found" (e.g. how to get the file). */
  hint?: string;
  /** Default {@link JSON_LIMIT}. */
  limit?: SizeLimit;
  /**
   * The error for a file that cannot be read, from what is wrong with it: each command has its own
   * (default: the check's CheckInputError naming the file, exit 2).
   */
  fail?: (problem: Bilingual) => Error;
};

/** An input file opened safely ({@link openInputFile}): its handle (the caller closes it) and size. */
export type OpenedInput = { handle: FileHandle; size: number; mtimeMs: number };

/**
 * Opens an input file safely — the one way both commands open a file they are given: without
 * blocking (opening a FIFO for reading would wait for a writer forever), its descriptor checked to
 * be a regular file (a FIFO, a device such as /dev/zero that never ends, a folder are refused), and
 * its size checked against the limit before a byte is read.
 *
 * @throws `fail(problem)` when the file is missing, unreadable, not a regular file or too large
 */
export async function openInputFile(
  path: string,
  options: ReadInputOptions = {},
): Promise<OpenedInput> {
  const limit = options.limit ?? JSON_LIMIT;
  const fail = options.fail ?? ((problem: Bilingual) => inputError(shownPath(path), problem));
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fail(openProblem(error, options.hint));
  }
  try {
    const stats = await handle.stat();
    const kind = specialFileKind(stats);
    if (kind) {
      throw new Refused({
        vi: `${kind.vi}, không phải tệp dữ liệu; hãy chỉ ra một tệp thường`,
        en: `${kind.en}, not a data file; give the path of a regular file`,
      });
    }
    if (stats.size > limit.bytes) throw new Refused(tooLargeText(stats.size, limit));
    return { handle, size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    await handle.close();
    throw fail(error instanceof Refused ? error.problem : openProblem(error));
  }
}

/**
 * Reads an input file's bytes, safely: opened by {@link openInputFile}, and only the size fstat
 * gave is read; `mtimeMs` is the file's as it was opened, before the read.
 *
 * @throws `fail(problem)` when the file is missing, unreadable, not a regular file or too large
 */
export async function readInputFile(
  path: string,
  options: ReadInputOptions = {},
): Promise<{ bytes: Buffer; mtimeMs: number }> {
  const fail = options.fail ?? ((problem: Bilingual) => inputError(shownPath(path), problem));
  const { handle, size, mtimeMs } = await openInputFile(path, options);
  try {
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), mtimeMs };
  } catch (error) {
    throw fail(openProblem(error));
  } finally {
    await handle.close();
  }
}
