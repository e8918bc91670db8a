"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { deleteRecordFormSchema } from "@/lib/data-stores/data-store-schemas";
import { writeDataStoreRecords } from "@/lib/data-stores/write-data-store-records";

export const deleteDataStoreRecordAction = workspaceAction({
  role: "member",
  schema: deleteRecordFormSchema,
  handler: async ({ dataStoreId, key }, { db, user, workspaceId }) => {
    const result = await writeDataStoreRecords(db, workspaceId, dataStoreId, { upsert: [], delete: [key] }, { actorUserId: user.id, via: "ui" });
    revalidatePath(`/data-stores/${dataStoreId}`);
    return { message: result.deleted ? `Record “${key}” deleted.` : `There was no record “${key}”.` };
  },
});
