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

/** Longest value a message quotes from a file; a hostile file cannot flood the terminal. */
const MAX_SHOWN = 60;

/**
 * A value from a file as a message quotes it: JSON (strings in quotes), invisible characters
 * escaped, cut to about 60 characters with "…".
 */
export function showValue(value: unknown): string {
  let json: string;
  try {
    // A long string is cut before it is quoted, so a megabyte id is not copied whole.
    json =
      JSON.stringify(typeof value === "string" ? value.slice(0, MAX_SHOWN + 1) : value) ??
      String(value);
  } catch {
    // Nested deeper than JSON.stringify's stack (a hostile file can nest a million arrays).
    json = Array.isArray(value) ? "[…]" : "{…}";
  }
  const shown = visible(json);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}
