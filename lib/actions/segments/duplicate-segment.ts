"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { duplicateSegment } from "@/lib/segments/duplicate-segment";
import { segmentIdFormSchema } from "@/lib/segments/segment-schemas";

export const duplicateSegmentAction = workspaceAction({
  role: "member",
  schema: segmentIdFormSchema,
  handler: async ({ segmentId }, { db, user, workspaceId }) => {
    const { publicId } = await duplicateSegment(db, workspaceId, segmentId, { actorUserId: user.id });
    revalidatePath("/segments");
    return { message: "Segment duplicated.", data: { publicId } };
  },
});
