/**
 * A file as the user gave it: its name and its bytes. The name is what messages show (a dropped
 * file's own name, or the path the CLI was given); only its last segment, after any `/` or `\`,
 * tells the registry the file's extension and which files belong together.
 */
export type SourceFile = { name: string; bytes: Uint8Array };

/** The last segment of a file name or path: "quy-hoach.shp" of "a/b/quy-hoach.shp". */
export const baseName = (name: string): string =>
  name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

/** The extension of a file name, lower case and without the dot ("" when it has none). */
export function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** The name without its extension, as a Shapefile's parts share it ("a/b/ranh-gioi"). */
export function stemOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? name : name.slice(0, name.length - (base.length - dot));
}
