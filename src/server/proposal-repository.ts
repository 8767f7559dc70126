import { createHash } from "node:crypto";
import type { ProposalVersion } from "../core/review/proposal-version";
import type { Database, Sql } from "./db/database";

/*
 * The consultant's revised proposals, kept server-side as uploaded: one row per version (the
 * database refuses an UPDATE or DELETE of one), with who uploaded it and when.
 */

type VersionRow = {
  version: number;
  file_name: string;
  format: string;
  size: number;
  sha256: string;
  features: number;
  uploaded_by: string;
  uploaded_at: Date | string;
};

const versionOf = (row: VersionRow): ProposalVersion => ({
  version: Number(row.version),
  file: row.file_name,
  format: row.format,
  size: Number(row.size),
  sha256: row.sha256,
  features: Number(row.features),
  uploadedBy: row.uploaded_by,
  uploadedAt: new Date(row.uploaded_at).toISOString(),
});

const COLUMNS = `p.version, p.file_name, p.format, octet_length(p.bytes) AS size, p.sha256,
  p.features, u.name AS uploaded_by, p.uploaded_at`;

/**
 * Stores a checked proposal file as the review's next version, numbered under the review row's
 * lock so two uploads at once get two numbers.
 */
export async function addProposal(
  db: Database,
  reviewId: number,
  upload: { file: string; format: string; bytes: Uint8Array; features: number; userId: number },
): Promise<ProposalVersion> {
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  return db.transaction(async (sql) => {
    await sql.query("SELECT id FROM reviews WHERE id = $1 FOR UPDATE", [reviewId]);
    const [row] = await sql.query<{ version: number }>(
      `INSERT INTO proposals (review_id, version, file_name, format, bytes, sha256, features, uploaded_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7
       FROM proposals WHERE review_id = $1
       RETURNING version`,
      [reviewId, upload.file, upload.format, upload.bytes, sha256, upload.features, upload.userId],
    );
    const [stored] = await sql.query<VersionRow>(
      `SELECT ${COLUMNS} FROM proposals p JOIN users u ON u.id = p.uploaded_by
       WHERE p.review_id = $1 AND p.version = $2`,
      [reviewId, row?.version],
    );
    if (!stored) throw new Error("INSERT … RETURNING gave no row");
    return versionOf(stored);
  });
}

/** The review's versions, oldest first. */
export async function listProposals(sql: Sql, reviewId: number): Promise<ProposalVersion[]> {
  const rows = await sql.query<VersionRow>(
    `SELECT ${COLUMNS} FROM proposals p JOIN users u ON u.id = p.uploaded_by
     WHERE p.review_id = $1 ORDER BY p.version`,
    [reviewId],
  );
  return rows.map(versionOf);
}

/** One version's file as uploaded, or null. */
export async function proposalFile(
  sql: Sql,
  reviewId: number,
  version: number,
): Promise<{ file: string; bytes: Uint8Array } | null> {
  const [row] = await sql.query<{ file_name: string; bytes: Uint8Array }>(
    "SELECT file_name, bytes FROM proposals WHERE review_id = $1 AND version = $2",
    [reviewId, version],
  );
  return row ? { file: row.file_name, bytes: new Uint8Array(row.bytes) } : null;
}
