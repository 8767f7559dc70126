import { PGlite } from "@electric-sql/pglite";
import type { Database, Sql } from "./database";

/**
 * The embedded PostgreSQL (PGlite) keeping its data in `folder`, or in memory when it is
 * undefined (tests). One connection: PGlite runs one statement at a time, and a transaction holds
 * it until it ends, which serialises the writers as a row lock does on a server.
 */
export async function pgliteDatabase(folder?: string): Promise<Database> {
  const db = await PGlite.create(folder === undefined ? {} : { dataDir: folder });
  return {
    engine: "pglite",
    query: async (text, params) =>
      (await db.query(text, params as unknown[] | undefined)).rows as never[],
    transaction: (work) =>
      db.transaction(async (tx) => {
        const sql: Sql = {
          query: async (text, params) =>
            (await tx.query(text, params as unknown[] | undefined)).rows as never[],
        };
        return work(sql);
      }),
    close: () => db.close(),
  };
}
