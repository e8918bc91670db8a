"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { updateSegment } from "@/lib/segments/update-segment";
import { updateSegmentFormSchema } from "@/lib/segments/segment-schemas";

export const updateSegmentAction = workspaceAction({
  role: "member",
  schema: updateSegmentFormSchema,
  handler: async ({ segmentId, name, description, conditions }, { db, user, workspaceId }) => {
    const result = await updateSegment(db, workspaceId, segmentId, { name, description, conditions }, { actorUserId: user.id });
    revalidatePath("/segments");
    revalidatePath(`/segments/${segmentId}`);
    return {
      message: result.recomputing ? "Segment saved. Its members are being recomputed." : "Segment saved.",
      data: { publicId: result.publicId },
    };
  },
});
