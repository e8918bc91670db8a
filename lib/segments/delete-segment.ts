import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db, type DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import type { MutationActor } from "./create-segment";
import { getSegmentOrThrow } from "./get-segment";
import { listSegmentDependents } from "./list-segment-dependents";

function quoteList(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/**
 * Delete Segment. Refused, naming them, while other segments' conditions use this one.
 * Otherwise the segment is marked deleted at once — every list, page, API and the engine
 * stop seeing it in this transaction — and a background job removes its memberships and
 * history in chunks, then the row. Customers are never touched.
 */
export async function deleteSegment(db: Db, workspaceId: string, publicId: string, { actorUserId }: MutationActor) {
  const deleted = await db.transaction(async (tx) => {
    // The row lock orders this against a concurrent save that would start using the segment
    // (see lockReferencedSegments): either that save sees it deleted, or this sees the dependent.
    const segment = await getSegmentOrThrow(tx, workspaceId, publicId, { forUpdate: true });
    const dependents = await listSegmentDependents(tx, workspaceId, publicId);
    if (dependents.length > 0) {
      throw new UserError(
        `"${segment.name}" cannot be deleted while the conditions of ${quoteList(dependents.map((d) => d.name))} use it. Remove it from ${dependents.length === 1 ? "that segment" : "those segments"} first.`,
        409,
      );
    }
    await tx
      .update(segments)
      .set({
        deletedAt: new Date(),
        // A recompute still running for this segment stops at its next chunk.
        definitionVersion: sql`${segments.definitionVersion} + 1`,
      })
      .where(and(eq(segments.id, segment.id), eq(segments.workspaceId, workspaceId)));
    await recordAuditLog(tx, workspaceId, {
      actorUserId,
      action: "segment.deleted",
      target: publicId,
      data: { name: segment.name, type: segment.type, memberCount: segment.memberCount },
    });
    return segment;
  });
  await sendJobEvent({ name: "segments/delete.requested", data: { workspaceId, segmentId: deleted.id } });
  return { name: deleted.name, memberCount: deleted.memberCount };
}

/** Rows removed per statement by the background delete: each step well under a second. */
export function deleteChunkSize(): number {
  return Number(process.env.LUMEN_DELETE_CHUNK_SIZE ?? 50_000);
}

const isDeleted = (segmentId: number, workspaceId: string) =>
  sql`EXISTS (SELECT 1 FROM segments s WHERE s.id = ${segmentId}::bigint AND s.workspace_id = ${workspaceId}::uuid AND s.deleted_at IS NOT NULL)`;

/** Removes up to `limit` memberships of a deleted segment (never of a live one). Returns how many. */
export async function purgeSegmentMembersChunk(db: DbOrTx, workspaceId: string, segmentId: number, limit = deleteChunkSize()): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`WITH gone AS (
          DELETE FROM segment_members
          WHERE segment_id = ${segmentId}::bigint AND ${isDeleted(segmentId, workspaceId)}
            AND customer_id IN (SELECT customer_id FROM segment_members WHERE segment_id = ${segmentId}::bigint ORDER BY customer_id LIMIT ${limit})
          RETURNING 1
        )
        SELECT count(*) AS n FROM gone`,
  );
  return toNumber(row.n);
}

/** Removes up to `limit` history rows of a deleted segment. Returns how many. */
export async function purgeSegmentHistoryChunk(db: DbOrTx, workspaceId: string, segmentId: number, limit = deleteChunkSize()): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`WITH gone AS (
          DELETE FROM segment_member_changes
          WHERE segment_id = ${segmentId}::bigint AND ${isDeleted(segmentId, workspaceId)}
            -- By row address: the history needs no key of its own for this (and may have none).
            AND ctid = ANY (ARRAY(SELECT ctid FROM segment_member_changes WHERE segment_id = ${segmentId}::bigint LIMIT ${limit}))
          RETURNING 1
        )
        SELECT count(*) AS n FROM gone`,
  );
  return toNumber(row.n);
}

/** Last step: the deleted segment's row (its daily rollup and any straggler rows go with it by cascade). */
export async function removeDeletedSegmentRow(db: DbOrTx, workspaceId: string, segmentId: number): Promise<boolean> {
  const rows = await db
    .delete(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId), sql`${segments.deletedAt} IS NOT NULL`))
    .returning({ id: segments.id });
  return rows.length > 0;
}
