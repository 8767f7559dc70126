// Copies a folder's regular files into another, for `vite build` (see copyRuntimeFolders in
// vite.config.ts). Plain JavaScript so vite.config.ts imports it as is (see temporary-names.mjs).
import { copyFileSync, mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { specialFileKind } from "./file-kind.mjs";

const inside = (folder, path) => {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep);
};

/**
 * Why the entry at `path` is left out, or null to copy it. A link is followed only to a regular
 * file inside `root` (its real path): a link out of the folder (to /dev/zero, to /etc/…) would be
 * served, or copied, from outside it.
 */
function leftOut(entry, path, root) {
  if (entry.isFile() || entry.isDirectory()) return null;
  if (!entry.isSymbolicLink()) return specialFileKind(entry);
  let target;
  try {
    target = realpathSync(path);
  } catch {
    return { vi: "là một liên kết hỏng", en: "is a broken link" };
  }
  if (!inside(root, target)) {
    return {
      vi: `là một liên kết ra ngoài thư mục (tới ${target})`,
      en: `is a link out of the folder (to ${target})`,
    };
  }
  const kind = specialFileKind(statSync(target));
  return kind
    ? {
        vi: `là một liên kết tới ${target}, mà ${kind.vi}`,
        en: `is a link to ${target}, which ${kind.en}`,
      }
    : null;
}

function copyInto(from, to, root, keep, skipped, top = from) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (!keep(entry.name, relative(top, source).split(sep).join("/"))) continue;
    const problem = leftOut(entry, source, root);
    if (problem) skipped.push({ path: source, problem });
    else if (entry.isDirectory()) copyInto(source, join(to, entry.name), root, keep, skipped, top);
    else copyFileSync(source, join(to, entry.name));
  }
}

/**
 * Copies the folders and regular files under `from` into `to` (links to a regular file inside
 * `from` as the file), names `keep` accepts (it is given the name and the path under `from`, with
 * `/`). Anything else — a FIFO, a device, a socket, a link out of the folder or to anything but a
 * regular file — is left out and returned with why: copying
 * a FIFO failed the build with an English-only error, a link to /dev/zero was copied as a link
 * that a static host would follow.
 *
 * @returns the entries left out, each with its path and why, in both languages
 */
export function copyRegularFiles(from, to, keep = () => true) {
  const skipped = [];
  copyInto(from, to, realpathSync(from), keep, skipped);
  return skipped;
}
