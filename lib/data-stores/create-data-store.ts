import "server-only";
import type { Db } from "@/db/client";
import { dataStores, type DataStoreIdentifierKind } from "@/db/schema";
import { newPublicId } from "@/lib/segments/public-id";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";

export async function createDataStore(db: Db, workspaceId: string, input: { name: string; identifierKind: DataStoreIdentifierKind }, { actorUserId }: { actorUserId: string | null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dataStores)
      .values({ workspaceId, publicId: newPublicId("ds_"), name: input.name, identifierKind: input.identifierKind, createdBy: actorUserId })
      .returning({ id: dataStores.id, publicId: dataStores.publicId });
    await recordAuditLog(tx, workspaceId, { actorUserId, action: "data_store.created", target: row.publicId, data: { name: input.name, identifierKind: input.identifierKind } });
    return { id: Number(row.id), publicId: row.publicId };
  });
}
