/*
 * The one interface the review server's SQL goes through, so the same statements and migrations run
 * on a PostgreSQL server (`pg`) and on the embedded PGlite. Statements are fixed text with `$n`
 * parameters: nothing from a request is ever spliced into SQL.
 */

/** Something that runs one parameterised statement: the database, or a transaction of it. */
export interface Sql {
  /** Runs `text` with `params` bound to `$1…$n`; the rows, as objects by column name. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A database the server stores reviews in. */
export interface Database extends Sql {
  /** Which engine: shown at start, and read by tests. */
  readonly engine: "postgresql" | "pglite";
  /**
   * Runs `work` in one transaction (BEGIN … COMMIT; ROLLBACK when it throws): all its statements
   * are stored, or none.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
