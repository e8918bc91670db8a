"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { inviteMember } from "@/lib/members/invite-member";
import { limitInvitations } from "@/lib/rate-limit/rate-limit";
import { inviteMemberSchema } from "@/lib/members/member-schemas";

export const inviteMemberAction = workspaceAction({
  role: "admin",
  schema: inviteMemberSchema,
  handler: async ({ email, role }, { db, user, workspaceId }) => {
    // Counted before the checks: a loop of refused invitations is limited too.
    await limitInvitations(db, workspaceId);
    const { workspaceName } = await inviteMember(db, workspaceId, { actorUserId: user.id, email, role });
    // After the commit: the email job must never announce a membership that was rolled back.
    let emailed = true;
    try {
      await sendJobEvent({
        name: "workspace/member.invited",
        data: { workspaceId, workspaceName, email, role, inviterName: user.name?.trim() || user.email },
      });
    } catch (error) {
      // The invitation stands; only the email is missing, so say that rather than report a failure.
      console.error("[invite-member] could not queue the invitation email", error);
      emailed = false;
    }
    revalidatePath("/settings");
    // The same answer whether or not the address has an account: it reveals nothing.
    const done = `${email} is invited and joins once they accept.`;
    return {
      message: emailed ? `${done} We are emailing them now.` : `${done} The email could not be sent; please let them know yourself.`,
    };
  },
});
