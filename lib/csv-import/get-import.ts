import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentImports, segments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export const importNotFound = () => new NotFoundError("That import does not exist");

/** An import of this workspace, into a segment or a data store (another workspace's id is simply not found). */
export async function getImportOrThrow(db: DbOrTx, workspaceId: string, importId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(importId)) throw importNotFound();
  const [row] = await db
    .select({
      id: segmentImports.id,
      target: segmentImports.target,
      segmentId: segmentImports.segmentId,
      dataStoreId: segmentImports.dataStoreId,
      segmentPublicId: segments.publicId,
      direction: segmentImports.direction,
      identifierKind: segmentImports.identifierKind,
      createUnknown: segmentImports.createUnknown,
      fileName: segmentImports.fileName,
      status: segmentImports.status,
      report: segmentImports.report,
      error: segmentImports.error,
      createdAt: segmentImports.createdAt,
      appliedAt: segmentImports.appliedAt,
    })
    .from(segmentImports)
    .leftJoin(segments, eq(segments.id, segmentImports.segmentId))
    .where(and(eq(segmentImports.id, importId), eq(segmentImports.workspaceId, workspaceId)));
  if (!row) throw importNotFound();
  return row;
}
export type ImportRow = Awaited<ReturnType<typeof getImportOrThrow>>;

/**
 * Locks an import's row for its apply (either target): a second apply of the same import waits,
 * then sees the first one's outcome. NotFoundError for a malformed id or another workspace's.
 */
export async function lockImportForApply(tx: DbOrTx, workspaceId: string, importId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(importId)) throw importNotFound();
  const [row] = await tx
    .select()
    .from(segmentImports)
    .where(and(eq(segmentImports.id, importId), eq(segmentImports.workspaceId, workspaceId)))
    .for("update");
  if (!row) throw importNotFound();
  return row;
}
