import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { users, workspaceInvitations, workspaceMembers, workspaces, type WorkspaceRole } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";

export type InvitationOffer = { id: string; workspaceName: string; role: WorkspaceRole; inviterName: string | null; invitedAt: Date };

const NOT_FOUND = "This invitation no longer exists: it was cancelled, or already answered.";

/** Pending invitations addressed to the user's (verified, magic-link) email. */
export async function listInvitationsForUser(db: DbOrTx, userId: string): Promise<InvitationOffer[]> {
  const inviter = sql<string | null>`(select coalesce(nullif(trim(u.name), ''), u.email) from users u where u.id = ${workspaceInvitations.invitedBy})`;
  return db
    .select({
      id: workspaceInvitations.id,
      workspaceName: workspaces.name,
      role: workspaceInvitations.role,
      inviterName: inviter,
      invitedAt: workspaceInvitations.createdAt,
    })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .innerJoin(users, sql`lower(${users.email}) = lower(${workspaceInvitations.email})`)
    .where(and(eq(users.id, userId), isNull(workspaceInvitations.acceptedAt)))
    .orderBy(workspaceInvitations.createdAt);
}

/** Locks the invitation if it is pending and addressed to this user; otherwise NotFoundError. */
async function lockOwnInvitation(tx: DbOrTx, userId: string, invitationId: string) {
  const [row] = await tx
    .select({
      id: workspaceInvitations.id,
      workspaceId: workspaceInvitations.workspaceId,
      workspaceName: workspaces.name,
      role: workspaceInvitations.role,
      email: workspaceInvitations.email,
    })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .innerJoin(users, sql`lower(${users.email}) = lower(${workspaceInvitations.email})`)
    .where(and(eq(workspaceInvitations.id, invitationId), eq(users.id, userId), isNull(workspaceInvitations.acceptedAt)))
    .for("update", { of: workspaceInvitations })
    .limit(1);
  if (!row) throw new NotFoundError(NOT_FOUND);
  return row;
}

/** The invitee joins the workspace with the offered role. Returns the workspace joined. */
export async function acceptInvitation(db: Db, input: { actorUserId: string; invitationId: string }): Promise<{ workspaceId: string; workspaceName: string }> {
  return db.transaction(async (tx) => {
    const invitation = await lockOwnInvitation(tx, input.actorUserId, input.invitationId);
    await tx.update(workspaceInvitations).set({ acceptedAt: new Date() }).where(eq(workspaceInvitations.id, invitation.id));
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: invitation.workspaceId, userId: input.actorUserId, role: invitation.role })
      .onConflictDoNothing();
    await recordAuditLog(tx, invitation.workspaceId, {
      actorUserId: input.actorUserId,
      action: "invitation.accepted",
      target: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    return { workspaceId: invitation.workspaceId, workspaceName: invitation.workspaceName };
  });
}

/** The invitee says no: the invitation is gone (the workspace can invite again later). */
export async function declineInvitation(db: Db, input: { actorUserId: string; invitationId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const invitation = await lockOwnInvitation(tx, input.actorUserId, input.invitationId);
    await tx.delete(workspaceInvitations).where(eq(workspaceInvitations.id, invitation.id));
    await recordAuditLog(tx, invitation.workspaceId, {
      actorUserId: input.actorUserId,
      action: "invitation.declined",
      target: invitation.id,
      data: { email: invitation.email },
    });
  });
}

/** An admin withdraws a pending invitation of their workspace (a mistyped address, a change of mind). */
export async function cancelInvitation(db: Db, workspaceId: string, input: { actorUserId: string; invitationId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .delete(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.id, input.invitationId),
          eq(workspaceInvitations.workspaceId, workspaceId),
          isNull(workspaceInvitations.acceptedAt),
        ),
      )
      .returning({ id: workspaceInvitations.id, email: workspaceInvitations.email });
    if (!invitation) throw new NotFoundError(NOT_FOUND);
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "invitation.cancelled",
      target: invitation.id,
      data: { email: invitation.email },
    });
  });
}
