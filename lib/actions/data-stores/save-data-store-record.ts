"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { UserError } from "@/lib/errors";
import { getDataStoreOrThrow } from "@/lib/data-stores/get-data-store";
import { normaliseIdentifier, saveRecordFormSchema } from "@/lib/data-stores/data-store-schemas";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";

/** Adds a record, or edits one (a changed key replaces the old record in the same transaction). */
export const saveDataStoreRecordAction = workspaceAction({
  role: "member",
  schema: saveRecordFormSchema,
  handler: async ({ dataStoreId, key, customer, fields, originalKey }, { db, user, workspaceId }) => {
    // Checked here, in the dialog's words, before the shared write (whose messages are the API's).
    const store = await getDataStoreOrThrow(db, workspaceId, dataStoreId);
    if (!normaliseIdentifier(store.identifierKind, customer).ok) {
      throw new UserError(`“${customer.slice(0, 80)}” is not an email address. This data store finds customers by email: enter one like ana@example.com.`);
    }
    const renamed = originalKey && originalKey !== key ? [originalKey] : [];
    const result = await writeDataStoreRecords(db, workspaceId, dataStoreId, { upsert: [{ key, customer, data: fields }], delete: renamed }, { actorUserId: user.id, via: "ui" });
    revalidatePath(`/data-stores/${dataStoreId}`);
    return { message: result.created ? `Record “${key}” added.` : result.updated ? `Record “${key}” saved.` : `Record “${key}” is unchanged.` };
  },
});
