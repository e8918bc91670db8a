import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segmentExports } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { getSegmentOrThrow } from "@/lib/segments/get-segment";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { EXPORTS_PER_WORKSPACE_PER_HOUR } from "./export-settings";

export type RequestedExport = { exportId: string; segmentId: number; segmentName: string; memberCount: number };

/**
 * Records an export request (status queued) and its audit-log row, after the per-workspace
 * limit. The caller enqueues the build job once this has committed. The workspace row is
 * locked for the count, so two simultaneous requests cannot both slip under the limit.
 */
export async function requestSegmentExport(
  db: DbOrTx,
  workspaceId: string,
  args: { segmentPublicId: string; columns: string[]; recipientEmail: string },
  { actorUserId }: { actorUserId: string },
): Promise<RequestedExport> {
  return db.transaction(async (tx) => {
    const segment = await getSegmentOrThrow(tx, workspaceId, args.segmentPublicId);

    await queryRows(tx, sql`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`);
    const since = new Date(Date.now() - 60 * 60 * 1000);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(segmentExports)
      .where(and(eq(segmentExports.workspaceId, workspaceId), gt(segmentExports.createdAt, since)));
    if (toNumber(recent.n) >= EXPORTS_PER_WORKSPACE_PER_HOUR) {
      throw new UserError(
        `This workspace has requested ${EXPORTS_PER_WORKSPACE_PER_HOUR} exports in the last hour, the most allowed. Please try again later.`,
        429,
      );
    }

    const [row] = await tx
      .insert(segmentExports)
      .values({
        workspaceId,
        segmentId: segment.id,
        segmentName: segment.name,
        segmentPublicId: segment.publicId,
        requestedBy: actorUserId,
        recipientEmail: args.recipientEmail,
        columns: args.columns,
      })
      .returning({ id: segmentExports.id });
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "segment.export_requested",
      target: segment.publicId,
      data: { exportId: row.id, columns: args.columns },
    });
    return { exportId: row.id, segmentId: segment.id, segmentName: segment.name, memberCount: segment.memberCount };
  });
}
