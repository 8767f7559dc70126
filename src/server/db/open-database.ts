import { mkdirSync } from "node:fs";
import type { Database } from "./database";
import { migrate } from "./migrations";
import { pgDatabase } from "./pg-database";
import { pgliteDatabase } from "./pglite-database";

/** Where the embedded database keeps its files when no `DATABASE_URL` is given. */
export const DEFAULT_DATA_FOLDER = "data/reviews";

/**
 * The review database: the PostgreSQL server of `databaseUrl` when given, else the embedded
 * PGlite in `folder` (created when missing) — the same SQL and migrations either way. Migrated
 * before it is returned; a database newer than the code is refused (`DatabaseTooNewError`).
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  folder?: string;
  poolSize?: number;
}): Promise<Database> {
  let db: Database;
  if (options.databaseUrl) {
    db = pgDatabase(options.databaseUrl, { max: options.poolSize });
  } else {
    const folder = options.folder ?? DEFAULT_DATA_FOLDER;
    mkdirSync(folder, { recursive: true });
    db = await pgliteDatabase(folder);
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
