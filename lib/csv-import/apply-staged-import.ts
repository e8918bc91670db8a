import "server-only";
import type { Db } from "@/db/client";
import type { AnyImportReport } from "@/db/schema";
import { applyDataStoreImport } from "@/lib/data-stores/apply-data-store-import";
import { applyImport } from "./apply-import";
import { getImportOrThrow } from "./get-import";

/**
 * Applies an import by what it writes: a manual segment's members (applyImport) or a data
 * store's records (applyDataStoreImport). The upload page's apply and the background job both
 * come through here.
 */
export async function applyStagedImport(db: Db, workspaceId: string, importId: string, { actorUserId }: { actorUserId: string | null }): Promise<AnyImportReport> {
  const found = await getImportOrThrow(db, workspaceId, importId);
  return found.target === "data_store_records" ? applyDataStoreImport(db, workspaceId, importId, { actorUserId }) : applyImport(db, workspaceId, importId, { actorUserId });
}
