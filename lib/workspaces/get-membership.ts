import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaceMembers, workspaces, type WorkspaceRole } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { hasRole } from "@/lib/auth/roles";

export type Membership = { workspaceId: string; workspaceName: string; role: WorkspaceRole; isDemo: boolean };

export async function getMembership(db: DbOrTx, userId: string, workspaceId: string): Promise<Membership | null> {
  const [row] = await db
    .select({
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      role: workspaceMembers.role,
      isDemo: workspaces.isDemo,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/**
 * The one authorization check every action, page and route handler goes through:
 * the user must belong to the workspace with at least `required` role. A workspace the
 * user is not in looks exactly like one that does not exist.
 */
export async function requireMembership(
  db: DbOrTx,
  userId: string,
  workspaceId: string,
  required: WorkspaceRole = "viewer",
): Promise<Membership> {
  const membership = isUuid(workspaceId) ? await getMembership(db, userId, workspaceId) : null;
  if (!membership) throw new ForbiddenError("Workspace not found or you are not a member of it");
  if (!hasRole(membership.role, required)) {
    throw new ForbiddenError(`This needs the ${required} role or higher; you are a ${membership.role}`);
  }
  return membership;
}

export async function listMemberships(db: DbOrTx, userId: string): Promise<Membership[]> {
  return db
    .select({
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      role: workspaceMembers.role,
      isDemo: workspaces.isDemo,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    // The demo workspace (embedded default only) first: a new user's first screen has data.
    .orderBy(desc(workspaces.isDemo), workspaces.createdAt);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
