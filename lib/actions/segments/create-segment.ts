"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { createSegment } from "@/lib/segments/create-segment";
import { createSegmentFormSchema } from "@/lib/segments/segment-schemas";

export const createSegmentAction = workspaceAction({
  role: "member",
  schema: createSegmentFormSchema,
  handler: async (input, { db, user, workspaceId }) => {
    const { publicId } = await createSegment(db, workspaceId, input, { actorUserId: user.id });
    revalidatePath("/segments");
    return { message: `Segment "${input.name}" created.`, data: { publicId } };
  },
});
