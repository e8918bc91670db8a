"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { createDataStore } from "@/lib/data-stores/create-data-store";
import { createDataStoreFormSchema } from "@/lib/data-stores/data-store-schemas";

export const createDataStoreAction = workspaceAction({
  role: "member",
  schema: createDataStoreFormSchema,
  handler: async (input, { db, user, workspaceId }) => {
    const { publicId } = await createDataStore(db, workspaceId, input, { actorUserId: user.id });
    revalidatePath("/data-stores");
    return { message: `Data store "${input.name}" created.`, data: { publicId } };
  },
});
