"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { exportOptionsSchema } from "@/lib/exports/export-schemas";
import { listExportAttributeKeys } from "@/lib/exports/list-attribute-keys";

export type ExportOptionsData = { attributeKeys: string[] };

/** The attribute keys the Export dialog offers as extra columns (loaded when it opens). */
export const getExportOptionsAction = workspaceAction<typeof exportOptionsSchema, ExportOptionsData>({
  role: "member",
  schema: exportOptionsSchema,
  handler: async (_input, { db, workspaceId }) => ({ data: { attributeKeys: await listExportAttributeKeys(db, workspaceId) } }),
});
