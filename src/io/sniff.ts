/**
 * What the first bytes of a file say it is. Dependency-free, so the registry (in every page's
 * main chunk) knows a file before any parser is loaded.
 */

/** FlatGeobuf: "fgb" then the major version. */
export const looksLikeFlatGeobuf = (b: Uint8Array): boolean =>
  b.length >= 8 && b[0] === 0x66 && b[1] === 0x67 && b[2] === 0x62;

/** SQLite (a GeoPackage): "SQLite format 3" and a NUL. */
export const looksLikeSqlite = (b: Uint8Array): boolean =>
  b.length >= 16 && String.fromCharCode(...b.subarray(0, 16)) === "SQLite format 3\u0000";

/** A Shapefile's .shp: the file code 9994, big-endian. */
export const looksLikeShp = (b: Uint8Array): boolean =>
  b.length >= 100 && b[0] === 0 && b[1] === 0 && b[2] === 0x27 && b[3] === 0x0a;

/** The first character that is not a byte-order mark or white space, or "" for none. */
function firstCharacter(b: Uint8Array): string {
  let at = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (at < b.length && (b[at] === 0x20 || b[at] === 0x09 || b[at] === 0x0a || b[at] === 0x0d))
    at++;
  return at < b.length ? String.fromCharCode(b[at] as number) : "";
}

/** JSON text: an object or array, or RFC 8142's record separator. */
export const looksLikeJson = (b: Uint8Array): boolean => {
  const c = firstCharacter(b);
  return c === "{" || c === "[" || c === "\u001e";
};

/** XML text. */
export const looksLikeXml = (b: Uint8Array): boolean => firstCharacter(b) === "<";
