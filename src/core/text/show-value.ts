/** Control, line-separator and bidirectional-override characters: shown as escapes, so text from a
 * file stays one visible line and cannot reorder the terminal text around it. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED_ESCAPES = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

/** `text` with invisible characters written as `\n`, `\t` or `\uXXXX`. */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => NAMED_ESCAPES.get(c) ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Longest text (in characters, before escaping) a message quotes from a file: a hostile file
 * cannot flood the terminal. */
const MAX_SHOWN = 60;

/**
 * Text from a file as a message shows it between quotes or in a field path: escaped as inside a
 * JSON string, invisible characters escaped too, cut after 60 characters with "…".
 */
export function showText(text: string): string {
  const cut = text.length > MAX_SHOWN;
  // cut before escaping, so a megabyte value is not copied whole
  const escaped = visible(JSON.stringify(cut ? text.slice(0, MAX_SHOWN) : text).slice(1, -1));
  return cut ? `${escaped}…` : escaped;
}

/**
 * A value from a file as a message quotes it: JSON (a string in quotes, as {@link showText} shows
 * it), invisible characters escaped, cut to about 60 characters with "…". The one way core messages
 * quote data, so every message is one line of bounded length whatever the file holds.
 */
export function showValue(value: unknown): string {
  if (typeof value === "string") return `"${showText(value)}"`;
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested deeper than JSON.stringify's stack (a hostile file can nest a million arrays).
    json = Array.isArray(value) ? "[…]" : "{…}";
  }
  const shown = visible(json);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}
