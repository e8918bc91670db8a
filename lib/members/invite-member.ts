import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaceInvitations, type WorkspaceRole } from "@/db/schema";
import { ForbiddenError, UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { lockWorkspaceMembers } from "./lock-workspace-members";
import { OWNER_ONLY_MESSAGE } from "./member-rules";
import { emailKey } from "@/lib/customers/email-key";

export type InviteMemberResult = { workspaceName: string };

/**
 * Invitations are offers: whether or not the address has a Lumen account, it gets a pending
 * invitation that its owner accepts or declines after signing in (see accept-invitation.ts).
 * The answer is the same either way, so it does not reveal who has an account.
 */
export async function inviteMember(
  db: Db,
  workspaceId: string,
  input: { actorUserId: string; email: string; role: WorkspaceRole },
): Promise<InviteMemberResult> {
  return db.transaction(async (tx) => {
    const { workspaceName, members, actor } = await lockWorkspaceMembers(tx, workspaceId, input.actorUserId);
    if (input.role === "owner" && actor.role !== "owner") throw new ForbiddenError(OWNER_ONLY_MESSAGE);

    // Members are listed on the settings page the inviter is looking at: saying so reveals nothing.
    const [member] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`${emailKey(users.email)} = ${emailKey(input.email)}`)
      .limit(1);
    if (member && members.some((m) => m.userId === member.id)) {
      throw new UserError(`${input.email} is already a member of this workspace.`);
    }

    const [pending] = await tx
      .select({ id: workspaceInvitations.id })
      .from(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.workspaceId, workspaceId),
          sql`${emailKey(workspaceInvitations.email)} = ${emailKey(input.email)}`,
          isNull(workspaceInvitations.acceptedAt),
        ),
      )
      .limit(1);
    if (pending) throw new UserError(`${input.email} has already been invited and has not answered yet.`);

    const [invitation] = await tx
      .insert(workspaceInvitations)
      .values({ workspaceId, email: input.email, role: input.role, invitedBy: input.actorUserId })
      .returning({ id: workspaceInvitations.id });
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "member.invited",
      target: invitation.id,
      data: { email: input.email, role: input.role },
    });
    return { workspaceName };
  });
}
