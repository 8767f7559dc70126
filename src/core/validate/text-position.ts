/** A place in a text file as editors show it: 1-based line and column (in characters). */
export type TextPosition = { line: number; column: number };

/**
 * Line and column of byte `at` in UTF-8 bytes. Columns count characters (bytes that start one),
 * so "Hà Nội" is six columns long as in an editor; a bad byte counts as one.
 */
export function textPosition(bytes: Uint8Array, at: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < at; i++) {
    if (((bytes[i] as number) & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/** Line and column of UTF-16 index `at` in a string; a surrogate pair is one column. */
export function stringPosition(text: string, at: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < at; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) column++;
  }
  return { line, column };
}
