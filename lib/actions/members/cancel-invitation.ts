"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { cancelInvitation } from "@/lib/members/answer-invitation";
import { invitationIdSchema } from "@/lib/members/member-schemas";

export const cancelInvitationAction = workspaceAction({
  role: "admin",
  schema: invitationIdSchema,
  handler: async ({ invitationId }, { db, user, workspaceId }) => {
    await cancelInvitation(db, workspaceId, { actorUserId: user.id, invitationId });
    revalidatePath("/settings");
    return { message: "Invitation cancelled." };
  },
});
