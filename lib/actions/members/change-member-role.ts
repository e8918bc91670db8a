"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { roleLabels } from "@/lib/auth/roles";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { changeMemberRoleSchema } from "@/lib/members/member-schemas";

export const changeMemberRoleAction = workspaceAction({
  role: "admin",
  schema: changeMemberRoleSchema,
  handler: async ({ userId, role }, { db, user, workspaceId }) => {
    const { changed } = await changeMemberRole(db, workspaceId, { actorUserId: user.id, userId, role });
    if (changed) revalidatePath("/", "layout");
    return { message: changed ? `Role changed to ${roleLabels[role]}.` : `Already ${roleLabels[role]}.` };
  },
});
