import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentImports, users, type AnyImportReport, type ImportDirection, type ImportStatus } from "@/db/schema";

/** One past upload, with only what the list shows. */
export type RecentImport = {
  id: string;
  fileName: string;
  direction: ImportDirection;
  status: ImportStatus;
  report: AnyImportReport | null;
  error: string | null;
  uploadedBy: string | null;
  createdAt: Date;
};

/**
 * The latest CSV uploads into one segment or one data store, newest first, so a report and its
 * error file can be found again after leaving the upload page. Always scoped by the workspace.
 */
export async function listRecentImports(
  db: DbOrTx,
  workspaceId: string,
  target: { segmentId: number } | { dataStoreId: number },
  { limit = 5 }: { limit?: number } = {},
): Promise<RecentImport[]> {
  const byTarget = "segmentId" in target ? eq(segmentImports.segmentId, target.segmentId) : eq(segmentImports.dataStoreId, target.dataStoreId);
  return db
    .select({
      id: segmentImports.id,
      fileName: segmentImports.fileName,
      direction: segmentImports.direction,
      status: segmentImports.status,
      report: segmentImports.report,
      error: segmentImports.error,
      uploadedBy: sql<string | null>`coalesce(nullif(trim(${users.name}), ''), ${users.email})`,
      createdAt: segmentImports.createdAt,
    })
    .from(segmentImports)
    .leftJoin(users, eq(users.id, segmentImports.createdBy))
    .where(and(eq(segmentImports.workspaceId, workspaceId), byTarget))
    .orderBy(desc(segmentImports.createdAt))
    .limit(limit);
}
