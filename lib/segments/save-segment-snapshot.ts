import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insertSegmentRow, type MutationActor } from "./create-segment";
import { getSegmentOrThrow } from "./get-segment";
import { queueDependentsOfChange, writeManualSegmentMembers, type ManualMembersResult } from "./membership/change-manual-members";

/**
 * "Save as manual segment": a new manual segment holding the members the source segment
 * (automatic or manual) has right now. One transaction: the row, then one set-based
 * INSERT … SELECT of the source's members through the membership module (source
 * "selection", history rows, member_count, audit). A later change of the source does not
 * touch the snapshot.
 */
export async function saveSegmentSnapshot(
  db: Db,
  workspaceId: string,
  sourcePublicId: string,
  input: { name: string; description?: string },
  { actorUserId }: MutationActor,
): Promise<{ publicId: string; name: string; result: ManualMembersResult }> {
  const { created, result, pending } = await db.transaction(async (tx) => {
    const source = await getSegmentOrThrow(tx, workspaceId, sourcePublicId);
    const created = await insertSegmentRow(
      tx,
      workspaceId,
      { name: input.name, description: input.description ?? `Members of “${source.name}” on ${new Date().toISOString().slice(0, 10)}.`.slice(0, 500), type: "manual" },
      { actorUserId },
      { snapshotOf: source.publicId },
    );
    // The source's id comes from this workspace's segment row, so its members are this workspace's customers.
    const { result, pending } = await writeManualSegmentMembers(
      tx,
      workspaceId,
      { id: created.id, publicId: created.publicId, name: created.name, dataStoreId: null },
      {
        op: "add",
        source: "selection",
        customers: { workspaceScopedQuery: sql`SELECT sm.customer_id FROM segment_members sm WHERE sm.segment_id = ${source.id}::bigint` },
        actorUserId,
        audit: { snapshotOf: source.publicId },
      },
    );
    return { created, result, pending };
  });
  await queueDependentsOfChange(pending);
  return { publicId: created.publicId, name: created.name, result };
}
