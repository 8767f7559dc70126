/*
 * SQL text for the PostGIS engine, built without a database client (core stays free of `pg`): every
 * value a query needs travels as a parameter (`$1`, `$2`, …), and the only names written into the
 * text are quoted by {@link quoteIdent}. Nothing read from a catalogue, a rules file or a layer is
 * ever spliced into SQL text.
 */

/** A parameterised statement: `text` with `$n` placeholders and the `values` they stand for. */
export type SqlQuery = { text: string; values: unknown[] };

/**
 * A PostgreSQL identifier, quoted: wrapped in double quotes with every double quote doubled, so any
 * text (`a"; DROP TABLE x; --`) is one name and never SQL. A NUL cannot be part of a name (the server
 * would cut the text there), so it is refused.
 *
 * @throws RangeError for an empty name or one holding U+0000
 */
export function quoteIdent(name: string): string {
  if (name === "" || name.includes("\u0000")) {
    throw new RangeError(`not a PostgreSQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table` quoted part by part (`"public"."zones"`); a null schema leaves it to search_path. */
export function quoteRelation(schema: string | null, table: string): string {
  return schema === null ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** Collects parameter values while a statement is written: `add(v)` returns its placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  /** The placeholder of `value` (a new one per call), with a cast when `type` is given. */
  add(value: unknown, type?: string): string {
    this.values.push(value);
    const at = `$${this.values.length}`;
    return type ? `${at}::${type}` : at;
  }
  /** The statement with the values collected so far. */
  query(text: string): SqlQuery {
    return { text, values: [...this.values] };
  }
}
