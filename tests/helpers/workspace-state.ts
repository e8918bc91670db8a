import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, auditLog, workspaceInvitations, workspaceMembers, workspaces } from "@/db/schema";

/**
 * Everything the settings actions can change in one workspace, in a stable order, so a test
 * can assert that a refused action changed nothing: expect(await workspaceState(...)).toEqual(before).
 */
export async function workspaceState(db: Db, workspaceId: string) {
  const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const members = await db
    .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.userId));
  const invitations = await db
    .select({ email: workspaceInvitations.email, role: workspaceInvitations.role, acceptedAt: workspaceInvitations.acceptedAt })
    .from(workspaceInvitations)
    .where(eq(workspaceInvitations.workspaceId, workspaceId))
    .orderBy(asc(workspaceInvitations.email));
  const keys = await db
    .select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(asc(apiKeys.id));
  const audit = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
  return { name: workspace?.name, members, invitations, keys, auditRows: audit.length };
}

export async function auditEntries(db: Db, workspaceId: string) {
  return db
    .select({ action: auditLog.action, actorUserId: auditLog.actorUserId, target: auditLog.target, data: auditLog.data })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(auditLog.id));
}
