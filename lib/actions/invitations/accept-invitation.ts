"use server";

import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/actions/session-action";
import { acceptInvitation } from "@/lib/members/answer-invitation";
import { invitationIdSchema } from "@/lib/members/member-schemas";
import { openWorkspace } from "@/lib/workspaces/current-workspace";

export const acceptInvitationAction = sessionAction({
  schema: invitationIdSchema,
  handler: async ({ invitationId }, { db, user }) => {
    const joined = await acceptInvitation(db, { actorUserId: user.id, invitationId });
    // The invitee came for this workspace: show it now (their own stays in the workspace menu).
    await openWorkspace(joined.workspaceId);
    revalidatePath("/", "layout");
    return { message: `You joined ${joined.workspaceName}: it is open now. Your other workspaces are in the workspace menu.` };
  },
});
