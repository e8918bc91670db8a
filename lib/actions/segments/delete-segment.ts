"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { segmentIdFormSchema } from "@/lib/segments/segment-schemas";

export const deleteSegmentAction = workspaceAction({
  role: "member",
  schema: segmentIdFormSchema,
  handler: async ({ segmentId }, { db, user, workspaceId }) => {
    const { name } = await deleteSegment(db, workspaceId, segmentId, { actorUserId: user.id });
    revalidatePath("/segments");
    return { message: `Segment "${name}" deleted.` };
  },
});
