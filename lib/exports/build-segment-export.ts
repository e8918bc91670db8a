import "server-only";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { exportMembers, segmentExports, segments } from "@/db/schema";
import { customerNameSql } from "@/lib/customers/customer-name";
import { writeCsvPart, type CsvCell } from "./csv-writer";
import { attributeKeyOf, exportColumnLabel } from "./export-columns";
import { EXPORT_TTL_MS } from "./export-settings";
import { exportStorage } from "./export-storage";

export const SEGMENT_DELETED_ERROR = "The segment was deleted while it was being exported, so no file was sent.";

export type ExportStart =
  | { status: "ready"; rowCount: number; columns: string[] }
  | { status: "segment_deleted" }
  /** The export row is gone (its workspace was deleted) or already finished: nothing to do. */
  | { status: "gone" };

/** Whether the export's segment still exists: Delete Segment marks it deleted at once and removes its rows later. */
async function segmentIsLive(db: DbOrTx, workspaceId: string, exportId: string): Promise<boolean> {
  const rows = await db
    .select({ id: segments.id })
    .from(segmentExports)
    .innerJoin(segments, and(eq(segments.id, segmentExports.segmentId), eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt)))
    .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Freezes the segment's members for this export in ONE statement (a consistent snapshot under
 * MVCC): later chunks read this list, so members joining or leaving meanwhile change nothing.
 * Safe to run again (a retried step): the previous snapshot of this export is replaced.
 */
export async function startSegmentExport(db: DbOrTx, workspaceId: string, exportId: string): Promise<ExportStart> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: segmentExports.status, segmentId: segmentExports.segmentId, columns: segmentExports.columns })
      .from(segmentExports)
      .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)))
      .for("update");
    if (!row || !["queued", "building"].includes(row.status)) return { status: "gone" as const };
    if (row.segmentId === null || !(await segmentIsLive(tx, workspaceId, exportId))) return { status: "segment_deleted" as const };

    await tx.delete(exportMembers).where(eq(exportMembers.exportId, exportId));
    const [snapshot] = await queryRows<{ n: unknown }>(
      tx,
      sql`WITH taken AS (
            INSERT INTO export_members (export_id, customer_id, entered_at)
            SELECT ${exportId}::uuid, sm.customer_id, sm.entered_at
            FROM segment_members sm
            WHERE sm.segment_id = ${row.segmentId}::bigint
            RETURNING 1
          )
          SELECT count(*) AS n FROM taken`,
    );
    const rowCount = toNumber(snapshot.n);
    await tx
      .update(segmentExports)
      .set({ status: "building", rowCount, rowsWritten: 0, startedAt: new Date(), error: null })
      .where(eq(segmentExports.id, exportId));
    return { status: "ready" as const, rowCount, columns: row.columns };
  });
}

/** The SQL for one export column, over `c` (customers) and `m` (the snapshot). Attribute keys are bound parameters. */
function columnSql(column: string): SQL {
  const iso = (expr: SQL) => sql`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  switch (column) {
    case "email":
      return sql`c.email`;
    case "external_id":
      return sql`c.external_id`;
    case "name":
      return customerNameSql("c");
    case "country":
      return sql`c.country`;
    case "region":
      return sql`c.region`;
    case "city":
      return sql`c.city`;
    case "created_at":
      return iso(sql`c.created_at`);
    case "entered_at":
      return iso(sql`m.entered_at`);
  }
  const key = attributeKeyOf(column);
  if (key === null) throw new Error(`Unknown export column ${column}`);
  return sql`c.attributes ->> ${key}::text`;
}

export type ChunkResult = { status: "written"; rows: number; lastCustomerId: number; byteSize: number } | { status: "segment_deleted" };

/**
 * Builds part `part` of the file: the next `limit` snapshot members after `afterCustomerId`
 * (keyset on the snapshot's primary key), as CSV, stored as that part. Rewriting a part is
 * harmless, so a failed chunk is simply retried. Part 0 carries the BOM and header, and is
 * written even for an empty segment.
 */
export async function buildSegmentExportChunk(
  db: DbOrTx,
  workspaceId: string,
  exportId: string,
  args: { part: number; afterCustomerId: number; limit: number; columns: string[]; rowsBefore: number },
): Promise<ChunkResult> {
  if (!(await segmentIsLive(db, workspaceId, exportId))) return { status: "segment_deleted" };
  const select = sql.join(
    args.columns.map((column, i) => sql`${columnSql(column)} AS ${sql.identifier(`c${i}`)}`),
    sql`, `,
  );
  // Customers deleted since the snapshot have no row left to export and drop out here.
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT m.customer_id AS __id, ${select}
        FROM export_members m
        JOIN customers c ON c.id = m.customer_id AND c.workspace_id = ${workspaceId}::uuid
        WHERE m.export_id = ${exportId}::uuid AND m.customer_id > ${args.afterCustomerId}::bigint
        ORDER BY m.customer_id
        LIMIT ${args.limit}`,
  );
  const keys = args.columns.map((_, i) => `c${i}`);
  const cells = rows.map((r) => keys.map((k) => (r[k] === null || r[k] === undefined ? null : String(r[k]))) as CsvCell[]);
  const csv = await writeCsvPart(cells, args.part === 0 ? { header: args.columns.map(exportColumnLabel) } : {});
  const { byteSize } = await exportStorage(db).putPart(exportId, args.part, Buffer.from(csv, "utf8"));
  const lastCustomerId = rows.length > 0 ? toNumber(rows[rows.length - 1].__id) : args.afterCustomerId;
  await db
    .update(segmentExports)
    .set({ rowsWritten: args.rowsBefore + rows.length })
    .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)));
  return { status: "written", rows: rows.length, lastCustomerId, byteSize };
}

export type BuiltExport = { rowsWritten: number; byteSize: number; expiresAt: string };

/** The file is complete: drop the snapshot, record size and expiry, and hand over to the email step. */
export async function finishSegmentExportBuild(db: DbOrTx, workspaceId: string, exportId: string, rowsWritten: number): Promise<BuiltExport> {
  const byteSize = await exportStorage(db).size(exportId);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + EXPORT_TTL_MS);
  await db.transaction(async (tx) => {
    await tx.delete(exportMembers).where(eq(exportMembers.exportId, exportId));
    await tx
      .update(segmentExports)
      .set({ status: "sending", rowsWritten, byteSize, expiresAt })
      .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)));
  });
  return { rowsWritten, byteSize, expiresAt: expiresAt.toISOString() };
}

/**
 * Final failure: the reason is shown in the exports list and the snapshot is removed. A file
 * that was built completely (only its email failed) is kept until it expires, so it can
 * still be downloaded from the list; a partial file is removed.
 */
export async function failSegmentExport(
  db: DbOrTx,
  workspaceId: string,
  exportId: string,
  reason: string,
  { keepBuiltFile = false }: { keepBuiltFile?: boolean } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(exportMembers).where(eq(exportMembers.exportId, exportId));
    if (!keepBuiltFile) await exportStorage(tx).remove(exportId);
    await tx
      .update(segmentExports)
      .set({ status: "failed", error: reason, finishedAt: new Date(), ...(keepBuiltFile ? {} : { expiresAt: null }) })
      .where(
        and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId), inArray(segmentExports.status, ["queued", "building", "sending"])),
      );
  });
}
