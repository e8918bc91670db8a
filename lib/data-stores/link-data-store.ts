import "server-only";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { segments, type DataStoreFilter } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { queueDependentsOfChange, writeManualSegmentMembers, type PendingDependents } from "@/lib/segments/membership/change-manual-members";
import { getManualSegmentOrThrow, type ManualSegmentRef } from "@/lib/segments/membership/get-manual-segment";
import { memberSourceBits } from "@/lib/segments/membership/member-sources";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { getDataStoreOrThrow } from "./get-data-store";
import { requestDataStoreSync } from "./request-data-store-sync";

/**
 * Links a manual segment to a data store (or changes the link's filter): from the sync the
 * link queues on, the store's matching records make their customers members. A segment
 * follows one store; linking another needs an unlink first, which removes what the first added.
 */
export async function linkDataStore(
  db: Db,
  workspaceId: string,
  input: { segmentPublicId: string; dataStorePublicId: string; filter: DataStoreFilter | null },
  { actorUserId }: { actorUserId: string | null },
) {
  const linked = await db.transaction(async (tx) => {
    const segment = await getManualSegmentOrThrow(tx, workspaceId, { publicId: input.segmentPublicId });
    const store = await getDataStoreOrThrow(tx, workspaceId, input.dataStorePublicId);
    if (segment.dataStoreId !== null && segment.dataStoreId !== store.id) {
      throw new UserError("This segment already follows another data store. Unlink it first; its customers from that store leave the segment.", 409);
    }
    await tx.update(segments).set({ dataStoreId: store.id, dataStoreFilter: input.filter, dataStoreSync: null, updatedAt: new Date() }).where(eq(segments.id, segment.id));
    await recordAuditLog(tx, workspaceId, { actorUserId, action: "segment.data_store_linked", target: segment.publicId, data: { dataStore: store.publicId, filter: input.filter } });
    return { segmentId: segment.id, dataStoreId: store.id };
  });
  // A full sync of this one link: it adds what the records name and, after a filter change, removes what no longer matches.
  await requestDataStoreSync({ workspaceId, dataStoreId: linked.dataStoreId, segmentIds: [linked.segmentId], reason: "link" });
  return linked;
}

/** Removes every member the store holds in the segment (hand-added ones stay) and clears the link, in the caller's transaction. */
export async function writeUnlink(tx: DbOrTx, workspaceId: string, segment: ManualSegmentRef, actorUserId: string | null, dataStorePublicId: string): Promise<{ removed: number; pending: PendingDependents }> {
  const { result, pending } = await writeManualSegmentMembers(tx, workspaceId, segment, {
    op: "remove",
    source: "data_store",
    customers: { workspaceScopedQuery: sql`SELECT customer_id FROM segment_members WHERE segment_id = ${segment.id}::bigint AND sources & ${memberSourceBits.data_store}::smallint <> 0` },
    actorUserId,
    audit: { dataStore: dataStorePublicId, reason: "unlinked" },
    auditOnlyChanges: true,
  });
  await tx.update(segments).set({ dataStoreId: null, dataStoreFilter: null, dataStoreSync: null, updatedAt: new Date() }).where(eq(segments.id, segment.id));
  await recordAuditLog(tx, workspaceId, { actorUserId, action: "segment.data_store_unlinked", target: segment.publicId, data: { dataStore: dataStorePublicId, removed: result.changed } });
  return { removed: result.changed, pending };
}

/** Unlinks a segment from its data store: the customers the store added leave; anyone also added by hand stays. */
export async function unlinkDataStore(db: Db, workspaceId: string, segmentPublicId: string, { actorUserId }: { actorUserId: string | null }) {
  const { removed, pending } = await db.transaction(async (tx) => {
    const segment = await getManualSegmentOrThrow(tx, workspaceId, { publicId: segmentPublicId });
    if (segment.dataStoreId === null) throw new UserError("This segment does not follow a data store.", 409);
    await tx.execute(sql`SELECT 1 FROM segments WHERE id = ${segment.id}::bigint FOR UPDATE`);
    const [store] = await queryRows<{ public_id: string }>(tx, sql`SELECT public_id FROM data_stores WHERE id = ${segment.dataStoreId}::bigint`);
    return writeUnlink(tx, workspaceId, segment, actorUserId, store?.public_id ?? "");
  });
  await queueDependentsOfChange(pending);
  return { removed };
}
