import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { dataStores, segments, type DataStoreFilter, type DataStoreIdentifierKind, type DataStoreSyncInfo } from "@/db/schema";

export type SegmentDataStoreLink = {
  store: { publicId: string; name: string; identifierKind: DataStoreIdentifierKind; recordCount: number };
  filter: DataStoreFilter | null;
  /** null until the first sync after linking has run. */
  sync: DataStoreSyncInfo | null;
};

/** The data store a segment follows, its filter and what the last sync did; null when it follows none. */
export async function getSegmentDataStoreLink(db: DbOrTx, workspaceId: string, segmentPublicId: string): Promise<SegmentDataStoreLink | null> {
  const [row] = await db
    .select({
      publicId: dataStores.publicId,
      name: dataStores.name,
      identifierKind: dataStores.identifierKind,
      recordCount: dataStores.recordCount,
      filter: segments.dataStoreFilter,
      sync: segments.dataStoreSync,
    })
    .from(segments)
    .innerJoin(dataStores, and(eq(dataStores.id, segments.dataStoreId), eq(dataStores.workspaceId, workspaceId)))
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.publicId, segmentPublicId), isNull(segments.deletedAt)))
    .limit(1);
  if (!row) return null;
  return { store: { publicId: row.publicId, name: row.name, identifierKind: row.identifierKind, recordCount: row.recordCount }, filter: row.filter, sync: row.sync };
}

/** The link's filter in the UI's words. */
export function describeFilter(filter: DataStoreFilter | null): string {
  if (!filter) return "every record";
  const list = filter.values.map((v) => `“${v}”`).join(", ");
  switch (filter.operator) {
    case "exists":
      return `records that have the field “${filter.field}”`;
    case "equals":
      return `records whose “${filter.field}” is ${list}`;
    case "in":
      return `records whose “${filter.field}” is one of ${list}`;
    case "not_in":
      return `records whose “${filter.field}” is not one of ${list}`;
  }
}
