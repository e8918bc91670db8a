"use server";

import { startDataStoreImportSchema } from "@/lib/data-stores/data-store-schemas";
import { startDataStoreImport } from "@/lib/data-stores/start-data-store-import";
import { workspaceAction } from "../workspace-action";

/** Opens a data store's CSV upload (nothing changes yet); the page then sends the rows to /api/imports/{id}/rows and applies with applyImportAction. */
export const startDataStoreImportAction = workspaceAction({
  role: "member",
  schema: startDataStoreImportSchema,
  handler: async ({ workspaceId, ...input }, { db, user }) => ({ data: await startDataStoreImport(db, workspaceId, input, { actorUserId: user.id }) }),
});
