import { lstatSync, readlinkSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Bilingual } from "../core/validate/validation-issue";
import { inputError, shownPath } from "./check-error";
import type { InputPlan } from "./check-inputs";
import { specialFileKind } from "./read-input-file";
import { sourcePaths } from "./source-paths";
import { sweepStaleTemporaries } from "./temporary-files";

/**
 * Where `--out` writes, decided before the check runs so a bad `--out` costs no time:
 * - `file`: a regular file, or nothing yet. The findings go to a temporary file beside `path` (the
 *   real file: a symbolic link is followed, and kept) and are renamed over it when complete, so a
 *   reader never sees half a result and a failed run leaves the old file.
 * - `stream`: a FIFO or character device (`/dev/null`, a terminal), one of this process's open
 *   files (`/dev/stdout`, `/dev/fd/N`: `fd`, written as is, whatever it is: file, pipe, socket), or
 *   anything else reached through `/proc`. Written into directly: renaming a file over it would
 *   replace the device or pipe itself (as root, `/dev/null` for everyone).
 */
export type OutputTarget =
  | { kind: "file"; path: string; shown: string; mode: number | null }
  | { kind: "stream"; path: string; shown: string; fd?: number };

/** Symbolic links followed before giving up, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40;

const refuse = (shown: string, vi: string, en: string) => inputError(`--out ${shown}`, { vi, en });

/**
 * The names a path goes through as its symbolic links are followed: itself, then each link's
 * target, up to the first that is not a link (or does not exist: a dangling link names the file
 * it will create).
 */
function linkChain(given: string, shown: string): string[] {
  const chain = [given];
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const path = chain[chain.length - 1] as string;
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      // nothing there yet: the file to create
    }
    if (!isLink) return chain;
    chain.push(resolve(dirname(path), readlinkSync(path)));
  }
  throw refuse(
    shown,
    "quá nhiều liên kết tượng trưng lồng nhau (vòng lặp?); chọn tệp khác",
    "too many nested symbolic links (a loop?); choose another file",
  );
}

/** The descriptor number when a name is one of this process's open files (`/proc/self/fd/N`). */
function ownDescriptor(chain: readonly string[]): number | undefined {
  const own = new RegExp(`^/proc/(?:self|thread-self|${process.pid})/fd/(\\d+)$`);
  for (const path of chain) {
    const fd = own.exec(path)?.[1];
    if (fd !== undefined) return Number(fd);
  }
  return undefined;
}

/**
 * Decides how `--out` is written (see {@link OutputTarget}) and removes temporary files of that
 * output left by runs that were killed.
 *
 * @throws CheckInputError (exit 2) for a folder, a block device or socket, a missing folder
 */
export function resolveOutput(out: string): OutputTarget {
  const given = resolve(out);
  const shown = shownPath(given);
  const chain = linkChain(given, shown);
  const fd = ownDescriptor(chain);
  if (fd !== undefined) return { kind: "stream", path: given, shown, fd };
  let stats: Stats | null = null;
  try {
    stats = statSync(given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOENT: nothing there yet (or a dangling link): a new file; the rest cannot be written
    if (code !== "ENOENT") {
      throw refuse(
        shown,
        `không mở được (${code}); chọn tệp khác`,
        `cannot be opened (${code}); choose another file`,
      );
    }
  }
  if (stats?.isDirectory()) {
    throw refuse(
      shown,
      "là một thư mục, không phải tệp; cho tên một tệp trong thư mục đó",
      "is a folder, not a file; give the name of a file in it",
    );
  }
  const kind = stats && !stats.isFIFO() && !stats.isCharacterDevice() && specialFileKind(stats);
  if (kind) {
    throw refuse(
      shown,
      `${kind.vi}, không ghi kết quả vào đó được; chọn một tệp thường, FIFO hay thiết bị ký tự`,
      `${kind.en}, the findings cannot be written there; choose a regular file, a FIFO or a character device`,
    );
  }
  // another process's open file (/proc/N/fd/M) is not a name to rename over either
  if ((stats && !stats.isFile()) || chain.some((path) => path.startsWith("/proc/"))) {
    return { kind: "stream", path: given, shown };
  }
  const last = chain[chain.length - 1] as string;
  let folder: string;
  try {
    folder = realpathSync(dirname(last));
  } catch {
    throw refuse(
      shown,
      `thư mục ${shownPath(dirname(last))} không tồn tại; tạo nó trước hoặc chọn chỗ khác`,
      `folder ${shownPath(dirname(last))} does not exist; create it first or choose another place`,
    );
  }
  const name = basename(last);
  sweepStaleTemporaries(folder, (target) => target === name);
  const path = join(folder, name);
  return { kind: "file", path, shown, mode: stats ? stats.mode & 0o7777 : null };
}

/** A file the check reads, and what it is to the user. */
export type InputFile = { path: string; role: Bilingual };

/**
 * Every file the check reads: catalogue, rules, each layer (the proposal among them, a Shapefile
 * with its parts), districts.
 */
export function inputFilesOf(plan: InputPlan): InputFile[] {
  const layer = (id: string): Bilingual =>
    plan.proposal?.layer === id
      ? { vi: "phương án, --proposal", en: "the proposal, --proposal" }
      : { vi: `lớp "${id}"`, en: `layer "${id}"` };
  return [
    { path: plan.loaded.catalogPath, role: { vi: "danh mục lớp", en: "the layer catalogue" } },
    { path: plan.loaded.rulesPath, role: { vi: "tệp quy tắc", en: "the rules file" } },
    // a Shapefile is its whole set of files: writing over its .dbf destroys it as surely
    ...plan.files.flatMap((f) => {
      const given = plan.proposal?.layer === f.id ? plan.proposal.paths : [f.path];
      const paths = given.length > 1 ? given : sourcePaths(f.path);
      return paths.map((path) => ({ path, role: layer(f.id) }));
    }),
    ...(plan.districts ? [{ path: plan.districts.path, role: layer(plan.districts.id) }] : []),
  ];
}

const identity = (path: string): string | null => {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null; // missing: the read reports it
  }
};

/**
 * Refuses an output that is one of the inputs: the same file (device and inode), however it is
 * reached (`./a/../x`, a symbolic or hard link). Writing the findings there would destroy the input.
 *
 * @throws CheckInputError (exit 2) naming the input
 */
export function refuseInputAsOutput(target: OutputTarget, inputs: readonly InputFile[]): void {
  const out = identity(target.path);
  if (out === null) return;
  const same = inputs.find((input) => identity(input.path) === out);
  if (!same) return;
  throw refuse(
    target.shown,
    `là tệp đầu vào ${shownPath(same.path)} (${same.role.vi}); ghi kết quả vào đó sẽ xóa mất nó, chọn tệp khác`,
    `is the input file ${shownPath(same.path)} (${same.role.en}); writing the findings there would destroy it, choose another file`,
  );
}
