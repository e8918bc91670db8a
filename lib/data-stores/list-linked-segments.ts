import "server-only";
import { and, asc, eq, isNull, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments, type DataStoreFilter, type DataStoreSyncInfo } from "@/db/schema";

export type LinkedSegment = {
  id: number;
  publicId: string;
  name: string;
  dataStoreId: number | null;
  filter: DataStoreFilter | null;
  memberCount: number;
  sync: DataStoreSyncInfo | null;
};

/** The live manual segments that follow a data store (optionally only some of them). */
export async function listLinkedSegments(db: DbOrTx, workspaceId: string, dataStoreId: number, onlyIds?: number[]): Promise<LinkedSegment[]> {
  const rows = await db
    .select({
      id: segments.id,
      publicId: segments.publicId,
      name: segments.name,
      dataStoreId: segments.dataStoreId,
      filter: segments.dataStoreFilter,
      memberCount: segments.memberCount,
      sync: segments.dataStoreSync,
    })
    .from(segments)
    .where(
      and(
        eq(segments.workspaceId, workspaceId),
        eq(segments.dataStoreId, dataStoreId),
        eq(segments.type, "manual"),
        isNull(segments.deletedAt),
        onlyIds ? inArray(segments.id, onlyIds.length > 0 ? onlyIds : [-1]) : undefined,
      ),
    )
    .orderBy(asc(segments.name));
  return rows.map((r) => ({ ...r, id: Number(r.id), dataStoreId: r.dataStoreId === null ? null : Number(r.dataStoreId) }));
}
