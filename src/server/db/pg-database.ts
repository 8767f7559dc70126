import pg from "pg";
import type { Database, Sql } from "./database";

/** A PostgreSQL server through a `pg` pool (`DATABASE_URL`). */
export function pgDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // an idle client that loses its connection (server restarted) must not crash the process: the
  // pool drops it and the next request opens a new one
  pool.on("error", () => {});
  const query = async <Row>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ) => (await client.query(text, params as unknown[] | undefined)).rows as Row[];
  return {
    engine: "postgresql",
    query: (text, params) => query(pool, text, params),
    async transaction(work) {
      const client = await pool.connect();
      const sql: Sql = { query: (text, params) => query(client, text, params) };
      try {
        await client.query("BEGIN");
        const result = await work(sql);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
