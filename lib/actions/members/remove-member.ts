"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { removeMemberSchema } from "@/lib/members/member-schemas";
import { removeMember } from "@/lib/members/remove-member";

export const removeMemberAction = workspaceAction({
  role: "admin",
  schema: removeMemberSchema,
  handler: async ({ userId }, { db, user, workspaceId }) => {
    await removeMember(db, workspaceId, { actorUserId: user.id, userId });
    revalidatePath("/", "layout");
    return { message: "Member removed." };
  },
});
