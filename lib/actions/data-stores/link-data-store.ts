"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { linkDataStoreFormSchema } from "@/lib/data-stores/data-store-schemas";
import { linkDataStore } from "@/lib/data-stores/link-data-store";

export const linkDataStoreAction = workspaceAction({
  role: "member",
  schema: linkDataStoreFormSchema,
  handler: async ({ segmentId, dataStoreId, filter }, { db, user, workspaceId }) => {
    await linkDataStore(db, workspaceId, { segmentPublicId: segmentId, dataStorePublicId: dataStoreId, filter }, { actorUserId: user.id });
    revalidatePath(`/segments/${segmentId}`);
    return { message: "Data store linked. Its records are being synced into the segment." };
  },
});
