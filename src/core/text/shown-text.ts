/** Longest text from a file that a message quotes. */
const MAX_SHOWN = 40;

/**
 * Text from a file as a message quotes it: a JSON string (quotes and control characters escaped, so
 * it cannot break a line or a quotation), cut after MAX_SHOWN characters.
 */
export function shownText(value: string): string {
  return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
}
