import "server-only";
import type { Db } from "@/db/client";
import type { AnyImportReport, ImportTarget } from "@/db/schema";
import { applyDataStoreImport } from "@/lib/data-stores/apply-data-store-import";
import { applyImport } from "./apply-import";
import { getImportOrThrow } from "./get-import";

/**
 * Applies an import by what it writes: a manual segment's members (applyImport) or a data
 * store's records (applyDataStoreImport). The upload page's apply and the background job both
 * come through here.
 */
export async function applyStagedImport(
  db: Db,
  workspaceId: string,
  importId: string,
  { actorUserId, target }: { actorUserId: string | null; /** when the caller has already read the import */ target?: ImportTarget },
): Promise<AnyImportReport> {
  const applyTo = target ?? (await getImportOrThrow(db, workspaceId, importId)).target;
  return applyTo === "data_store_records" ? applyDataStoreImport(db, workspaceId, importId, { actorUserId }) : applyImport(db, workspaceId, importId, { actorUserId });
}
