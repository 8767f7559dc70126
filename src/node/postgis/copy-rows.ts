import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One CSV field as PostgreSQL's COPY reads it: null unquoted and empty, text always quoted. */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * Streams rows into `COPY <relation> (<columns>) FROM STDIN (FORMAT csv)`: values travel as data,
 * never as SQL. Rows are produced lazily, so a large layer is written as it is encoded.
 */
export async function copyRows(
  client: ClientBase,
  relation: string,
  columns: readonly string[],
  rows: Iterable<(string | number | null)[]>,
): Promise<void> {
  const target = client.query(
    copyFrom(`COPY ${relation} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`),
  );
  function* lines() {
    let batch = "";
    for (const row of rows) {
      batch += `${row.map(csvCell).join(",")}\n`;
      if (batch.length > 1 << 16) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(lines()), target);
}
