"use server";

import { startImport } from "@/lib/csv-import/start-import";
import { startImportSchema } from "@/lib/csv-import/import-schemas";
import { workspaceAction } from "../workspace-action";

/** Opens an import (nothing changes yet); the page then sends the rows to /api/imports/{id}/rows. */
export const startImportAction = workspaceAction({
  role: "member",
  schema: startImportSchema,
  handler: async ({ workspaceId, ...input }, { db, user }) => ({ data: await startImport(db, workspaceId, input, { actorUserId: user.id }) }),
});
