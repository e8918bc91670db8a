import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { dataStores, type DataStoreIdentifierKind } from "@/db/schema";

export type DataStoreListItem = {
  publicId: string;
  name: string;
  identifierKind: DataStoreIdentifierKind;
  recordCount: number;
  linkedSegments: number;
  updatedAt: Date;
};

/** The workspace's data stores by name, with their record count (kept on the row) and how many segments follow each. */
export async function listDataStores(db: DbOrTx, workspaceId: string): Promise<DataStoreListItem[]> {
  const rows = await db
    .select({
      publicId: dataStores.publicId,
      name: dataStores.name,
      identifierKind: dataStores.identifierKind,
      recordCount: dataStores.recordCount,
      updatedAt: dataStores.updatedAt,
      linkedSegments: sql<number>`(SELECT count(*) FROM segments s WHERE s.data_store_id = ${dataStores.id} AND s.deleted_at IS NULL)`.mapWith(Number),
    })
    .from(dataStores)
    .where(eq(dataStores.workspaceId, workspaceId))
    .orderBy(asc(dataStores.name), asc(dataStores.id));
  return rows;
}
