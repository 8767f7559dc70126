import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One COPY row: its values in the order of the columns. */
export type CopyRow = (string | number | null)[];

/** One CSV field as PostgreSQL's COPY reads it: null unquoted and empty, text always quoted. */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

/** Rows sent at a time: about 64 KiB of CSV per data message. */
const BATCH_CHARS = 1 << 16;

/**
 * A `COPY <relation> (<columns>) FROM STDIN (FORMAT csv)` fed rows as they come (values travel as
 * data, never as SQL): `write` returns once the rows are on their way, waiting while the server is
 * behind, so a caller reading a file holds a few batches of rows, not the layer. `end` waits for
 * the server to have them all; a failed COPY rejects the next `write` or `end`.
 */
export type CopyWriter = {
  write(rows: Iterable<CopyRow>): Promise<void>;
  end(): Promise<void>;
};

export function openCopy(
  client: ClientBase,
  relation: string,
  columns: readonly string[],
): CopyWriter {
  const target = client.query(
    copyFrom(`COPY ${relation} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`),
  );
  // kept until asked: an error emitted while no write waits must not go unhandled
  let failure: unknown = null;
  target.on("error", (error) => {
    failure ??= error;
  });
  const send = async (text: string) => {
    if (failure) throw failure;
    if (!target.write(text)) await once(target, "drain");
  };
  return {
    async write(rows) {
      let batch = "";
      for (const row of rows) {
        batch += `${row.map(csvCell).join(",")}\n`;
        if (batch.length > BATCH_CHARS) {
          await send(batch);
          batch = "";
        }
      }
      if (batch) await send(batch);
    },
    async end() {
      if (failure) throw failure;
      target.end();
      await finished(target);
    },
  };
}

/** Copies `rows` (produced lazily: a large layer is written as it is encoded) into `relation`. */
export async function copyRows(
  client: ClientBase,
  relation: string,
  columns: readonly string[],
  rows: Iterable<CopyRow>,
): Promise<void> {
  const copy = openCopy(client, relation, columns);
  await copy.write(rows);
  await copy.end();
}
