"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { saveSegmentSnapshot } from "@/lib/segments/save-segment-snapshot";
import { segmentNameSchema, segmentPublicIdSchema } from "@/lib/segments/segment-schemas";

const saveSnapshotFormSchema = z.object({ segmentId: segmentPublicIdSchema, name: segmentNameSchema });

/** "Save as manual segment": the current members into a new manual segment, which then opens. */
export const saveSegmentSnapshotAction = workspaceAction<typeof saveSnapshotFormSchema, { publicId: string }>({
  role: "member",
  schema: saveSnapshotFormSchema,
  handler: async ({ segmentId, name }, { db, user, workspaceId }) => {
    const saved = await saveSegmentSnapshot(db, workspaceId, segmentId, { name }, { actorUserId: user.id });
    revalidatePath("/segments");
    return {
      message: `Saved ${saved.result.changed.toLocaleString("en-US")} ${saved.result.changed === 1 ? "customer" : "customers"} as “${saved.name}”.`,
      data: { publicId: saved.publicId },
    };
  },
});
