"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { saveRecordFormSchema } from "@/lib/data-stores/data-store-schemas";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";

/** Adds a record, or edits one (a changed key replaces the old record in the same transaction). */
export const saveDataStoreRecordAction = workspaceAction({
  role: "member",
  schema: saveRecordFormSchema,
  handler: async ({ dataStoreId, key, customer, fields, originalKey }, { db, user, workspaceId }) => {
    const renamed = originalKey && originalKey !== key ? [originalKey] : [];
    const result = await writeDataStoreRecords(db, workspaceId, dataStoreId, { upsert: [{ key, customer, data: fields }], delete: renamed }, { actorUserId: user.id, via: "ui" });
    revalidatePath(`/data-stores/${dataStoreId}`);
    return { message: result.created ? `Record “${key}” added.` : result.updated ? `Record “${key}” saved.` : `Record “${key}” is unchanged.` };
  },
});
