import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentExports, users, type ExportStatus } from "@/db/schema";
import { exportColumnLabel } from "./export-columns";

/** One row of an exports list: only what the list renders. */
export type ExportListItem = {
  id: string;
  segmentName: string;
  segmentPublicId: string;
  requestedBy: string | null;
  createdAt: Date;
  columns: string[];
  status: ExportStatus;
  rowCount: number | null;
  rowsWritten: number;
  error: string | null;
  finishedAt: Date | null;
  /** Set while the stored file can be downloaded. */
  downloadUntil: Date | null;
};

/** The workspace's exports, newest first; `segmentPublicId` narrows to one segment's. */
export async function listExports(
  db: DbOrTx,
  workspaceId: string,
  { segmentPublicId, limit = 50, now = new Date() }: { segmentPublicId?: string; limit?: number; now?: Date } = {},
): Promise<ExportListItem[]> {
  const rows = await db
    .select({
      id: segmentExports.id,
      segmentName: segmentExports.segmentName,
      segmentPublicId: segmentExports.segmentPublicId,
      requesterName: users.name,
      requesterEmail: users.email,
      createdAt: segmentExports.createdAt,
      columns: segmentExports.columns,
      status: segmentExports.status,
      rowCount: segmentExports.rowCount,
      rowsWritten: segmentExports.rowsWritten,
      error: segmentExports.error,
      finishedAt: segmentExports.finishedAt,
      expiresAt: segmentExports.expiresAt,
    })
    .from(segmentExports)
    .leftJoin(users, eq(users.id, segmentExports.requestedBy))
    .where(
      and(
        eq(segmentExports.workspaceId, workspaceId),
        segmentPublicId ? eq(segmentExports.segmentPublicId, segmentPublicId) : undefined,
      ),
    )
    .orderBy(desc(segmentExports.createdAt))
    .limit(limit);
  return rows.map(({ requesterName, requesterEmail, expiresAt, columns, ...row }) => ({
    ...row,
    columns: columns.map(exportColumnLabel),
    requestedBy: requesterName ?? requesterEmail ?? null,
    downloadUntil: expiresAt && expiresAt > now && (row.status === "sent" || row.status === "failed") ? expiresAt : null,
  }));
}

/** The stored file of one export, if the workspace owns it and it has not expired. */
export async function getDownloadableExport(db: DbOrTx, workspaceId: string, exportId: string, now = new Date()) {
  const [row] = await db
    .select({ id: segmentExports.id, segmentName: segmentExports.segmentName, startedAt: segmentExports.startedAt, createdAt: segmentExports.createdAt, expiresAt: segmentExports.expiresAt, status: segmentExports.status })
    .from(segmentExports)
    .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)));
  if (!row || !row.expiresAt || row.expiresAt <= now || !["sending", "sent", "failed"].includes(row.status)) return null;
  return row;
}
