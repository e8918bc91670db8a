"use server";

import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/actions/session-action";
import { declineInvitation } from "@/lib/members/answer-invitation";
import { invitationIdSchema } from "@/lib/members/member-schemas";

export const declineInvitationAction = sessionAction({
  schema: invitationIdSchema,
  handler: async ({ invitationId }, { db, user }) => {
    await declineInvitation(db, { actorUserId: user.id, invitationId });
    revalidatePath("/", "layout");
    return { message: "Invitation declined." };
  },
});
