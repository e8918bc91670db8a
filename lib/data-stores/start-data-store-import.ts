import "server-only";
import type { Db } from "@/db/client";
import { segmentImports } from "@/db/schema";
import { CSV_FILE_NAME, NOT_A_CSV_NAME_MESSAGE } from "@/lib/csv-import/import-limits";
import { UserError } from "@/lib/errors";
import type { StartDataStoreImportInput } from "./data-store-schemas";
import { getDataStoreOrThrow } from "./get-data-store";

/**
 * Opens a CSV upload into a data store: an import with target `data_store_records` that the
 * page's staging batches attach to (the same /api/imports/{id}/rows as a segment's import).
 * No record changes until it is applied.
 */
export async function startDataStoreImport(db: Db, workspaceId: string, input: Omit<StartDataStoreImportInput, "workspaceId">, { actorUserId }: { actorUserId: string | null }) {
  if (!CSV_FILE_NAME.test(input.fileName)) throw new UserError(NOT_A_CSV_NAME_MESSAGE);
  const store = await getDataStoreOrThrow(db, workspaceId, input.dataStoreId);
  const [row] = await db
    .insert(segmentImports)
    .values({
      workspaceId,
      target: "data_store_records",
      dataStoreId: store.id,
      direction: "add",
      identifierKind: store.identifierKind,
      fileName: input.fileName,
      createdBy: actorUserId,
    })
    .returning({ id: segmentImports.id });
  return { importId: row.id };
}
