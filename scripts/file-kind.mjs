// What a file that is not a regular file is, in both languages: the CLI's readers refuse such an
// input with it, `vite build` names such a file it leaves out of dist/. Plain JavaScript so
// vite.config.ts imports it as is (see temporary-names.mjs).

/**
 * What a file that is not a regular file is ("is a named pipe (FIFO)"), from its `fs.Stats` or
 * `fs.Dirent`; null for a regular file.
 */
export function specialFileKind(stats) {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return { vi: "là một thư mục", en: "is a folder" };
  if (stats.isFIFO()) return { vi: "là một đường ống (FIFO)", en: "is a named pipe (FIFO)" };
  if (stats.isCharacterDevice()) {
    return {
      vi: "là một thiết bị ký tự (như /dev/zero)",
      en: "is a character device (like /dev/zero)",
    };
  }
  if (stats.isBlockDevice()) return { vi: "là một thiết bị khối", en: "is a block device" };
  if (stats.isSocket()) return { vi: "là một socket", en: "is a socket" };
  if (stats.isSymbolicLink()) return { vi: "là một liên kết", en: "is a symbolic link" };
  return { vi: "không phải tệp thường", en: "is not a regular file" };
}
