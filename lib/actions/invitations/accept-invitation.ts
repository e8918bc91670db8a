"use server";

import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/actions/session-action";
import { acceptInvitation } from "@/lib/members/answer-invitation";
import { invitationIdSchema } from "@/lib/members/member-schemas";

export const acceptInvitationAction = sessionAction({
  schema: invitationIdSchema,
  handler: async ({ invitationId }, { db, user }) => {
    await acceptInvitation(db, { actorUserId: user.id, invitationId });
    revalidatePath("/", "layout");
    return { message: "Invitation accepted: the workspace is now in your workspace menu." };
  },
});
