import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users, workspaceInvitations, workspaceMembers, type WorkspaceRole } from "@/db/schema";

export type MemberRow = { userId: string; email: string; name: string | null; role: WorkspaceRole; joinedAt: Date };
export type PendingInvitation = { id: string; email: string; role: WorkspaceRole; invitedAt: Date };

const roleOrder: Record<WorkspaceRole, number> = { owner: 0, admin: 1, member: 2, viewer: 3 };

/** Members of one workspace, owners first. Workspaces have tens of members, not thousands: no paging. */
export async function listMembers(db: DbOrTx, workspaceId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({
      userId: workspaceMembers.userId,
      email: users.email,
      name: users.name,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  return rows
    .map((r) => ({ ...r, email: r.email ?? "" }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.email.localeCompare(b.email));
}

export async function listPendingInvitations(db: DbOrTx, workspaceId: string): Promise<PendingInvitation[]> {
  return db
    .select({
      id: workspaceInvitations.id,
      email: workspaceInvitations.email,
      role: workspaceInvitations.role,
      invitedAt: workspaceInvitations.createdAt,
    })
    .from(workspaceInvitations)
    .where(and(eq(workspaceInvitations.workspaceId, workspaceId), isNull(workspaceInvitations.acceptedAt)))
    .orderBy(asc(workspaceInvitations.createdAt));
}
