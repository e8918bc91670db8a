import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { dataStores, type DataStoreIdentifierKind } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export type DataStoreRef = {
  /** Internal id: for server code only, never sent to a client or the API. */
  id: number;
  publicId: string;
  name: string;
  identifierKind: DataStoreIdentifierKind;
  recordCount: number;
  createdAt: Date;
  updatedAt: Date;
};

const refColumns = {
  id: dataStores.id,
  publicId: dataStores.publicId,
  name: dataStores.name,
  identifierKind: dataStores.identifierKind,
  recordCount: dataStores.recordCount,
  createdAt: dataStores.createdAt,
  updatedAt: dataStores.updatedAt,
};

export const dataStoreNotFound = () => new NotFoundError("That data store does not exist, or was deleted");

/** One data store of the workspace by public id. Another workspace's id and a made-up id are the same "not found". */
export async function getDataStoreOrThrow(db: DbOrTx, workspaceId: string, publicId: string, options: { forUpdate?: boolean } = {}): Promise<DataStoreRef> {
  const query = db
    .select(refColumns)
    .from(dataStores)
    .where(and(eq(dataStores.workspaceId, workspaceId), eq(dataStores.publicId, publicId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw dataStoreNotFound();
  return { ...row, id: Number(row.id) };
}

/** A store by internal id, for the sync job (the event carries it); null once the store is deleted. */
export async function findDataStoreById(db: DbOrTx, workspaceId: string, id: number): Promise<DataStoreRef | null> {
  const [row] = await db
    .select(refColumns)
    .from(dataStores)
    .where(and(eq(dataStores.workspaceId, workspaceId), eq(dataStores.id, id)))
    .limit(1);
  return row ? { ...row, id: Number(row.id) } : null;
}
