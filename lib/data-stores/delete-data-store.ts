import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataStores } from "@/db/schema";
import { queueDependentsOfChange, type PendingDependents } from "@/lib/segments/membership/change-manual-members";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { getDataStoreOrThrow } from "./get-data-store";
import { writeUnlink } from "./link-data-store";
import { listLinkedSegments } from "./list-linked-segments";

/**
 * Deletes a data store and its records. Every segment that follows it is unlinked first,
 * through the membership module, so the customers the store added leave (those also added
 * by hand stay) with history and counts kept right. One transaction: all or nothing.
 */
export async function deleteDataStore(db: Db, workspaceId: string, publicId: string, { actorUserId }: { actorUserId: string | null }) {
  const { unlinked, removed, pending } = await db.transaction(async (tx) => {
    const store = await getDataStoreOrThrow(tx, workspaceId, publicId, { forUpdate: true });
    const linked = await listLinkedSegments(tx, workspaceId, store.id);
    const pending: PendingDependents[] = [];
    let removed = 0;
    for (const segment of linked) {
      const out = await writeUnlink(tx, workspaceId, { id: segment.id, publicId: segment.publicId, name: segment.name, dataStoreId: store.id }, actorUserId, store.publicId);
      removed += out.removed;
      pending.push(out.pending);
    }
    await tx.delete(dataStores).where(eq(dataStores.id, store.id));
    await recordAuditLog(tx, workspaceId, { actorUserId, action: "data_store.deleted", target: store.publicId, data: { name: store.name, records: store.recordCount, unlinkedSegments: linked.length, removed } });
    return { unlinked: linked.length, removed, pending };
  });
  for (const p of pending) await queueDependentsOfChange(p);
  return { unlinked, removed };
}
