"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { dataStoreIdFormSchema } from "@/lib/data-stores/data-store-schemas";
import { deleteDataStore } from "@/lib/data-stores/delete-data-store";

export const deleteDataStoreAction = workspaceAction({
  role: "member",
  schema: dataStoreIdFormSchema,
  handler: async ({ dataStoreId }, { db, user, workspaceId }) => {
    const { unlinked, removed } = await deleteDataStore(db, workspaceId, dataStoreId, { actorUserId: user.id });
    revalidatePath("/data-stores");
    revalidatePath("/segments");
    return {
      message: unlinked > 0 ? `Data store deleted. ${unlinked} segment${unlinked === 1 ? " was" : "s were"} unlinked and ${removed.toLocaleString("en-US")} customer${removed === 1 ? "" : "s"} it had added left.` : "Data store deleted.",
    };
  },
});
