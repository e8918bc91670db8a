"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { segmentLinkFormSchema } from "@/lib/data-stores/data-store-schemas";
import { unlinkDataStore } from "@/lib/data-stores/link-data-store";

export const unlinkDataStoreAction = workspaceAction({
  role: "member",
  schema: segmentLinkFormSchema,
  handler: async ({ segmentId }, { db, user, workspaceId }) => {
    const { removed } = await unlinkDataStore(db, workspaceId, segmentId, { actorUserId: user.id });
    revalidatePath(`/segments/${segmentId}`);
    return { message: `Data store unlinked: ${removed.toLocaleString("en-US")} customer${removed === 1 ? "" : "s"} it had added left the segment.` };
  },
});
