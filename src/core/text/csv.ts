/**
 * Cells that spreadsheet programs read as a formula: a leading =, +, - or @ (and tab or carriage
 * return, which some of them skip before looking) — a value from a plan file such as
 * `=HYPERLINK(…)` would run when a reviewer opens the export (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (a negative area or coordinate is data, not a formula). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** One CSV field, RFC 4180: quoted only when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text a spreadsheet would run as a formula, prefixed with an apostrophe (shown, not run); plain
 * numbers and other text as they are.
 */
export function formulaGuarded(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** How CSV lines are written: the check command's (LF, as-is) or a spreadsheet's. */
export type CsvDialect = { eol: "\n" | "\r\n"; guardFormulas: boolean };

/** The check command's CSV: LF line ends, cells as they are (other programs read it). */
export const PLAIN_CSV: CsvDialect = { eol: "\n", guardFormulas: false };
/**
 * CSV for Excel: CRLF line ends (RFC 4180), formula-looking cells guarded; the file starts with
 * {@link UTF8_BOM}, without which Excel reads UTF-8 as the system code page and Vietnamese
 * letters come out garbled.
 */
export const EXCEL_CSV: CsvDialect = { eol: "\r\n", guardFormulas: true };

/** The byte order mark Excel needs to read a CSV file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/** One line of cells, with its line end. */
export function csvLine(cells: readonly string[], dialect: CsvDialect): string {
  const field = dialect.guardFormulas ? (c: string) => csvField(formulaGuarded(c)) : csvField;
  return cells.map(field).join(",") + dialect.eol;
}
