"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { importIdSchema } from "@/lib/csv-import/import-schemas";
import { requestImportApply, type ApplyRequestResult } from "@/lib/csv-import/request-import-apply";
import { workspaceAction } from "../workspace-action";

/** Applies an uploaded import: the report at once for a small file, or "applying" for a large one (the page polls). */
export const applyImportAction = workspaceAction<z.ZodObject<{ workspaceId: z.ZodString; importId: typeof importIdSchema }>, ApplyRequestResult>({
  role: "member",
  schema: z.object({ workspaceId: z.string(), importId: importIdSchema }),
  handler: async ({ workspaceId, importId }, { db, user }) => {
    const result = await requestImportApply(db, workspaceId, importId, { actorUserId: user.id });
    revalidatePath("/segments", "layout");
    return { data: result };
  },
});
