import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaceMembers, workspaces } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { canManageMembers } from "./member-rules";

/**
 * Call first inside a membership-changing transaction. Locking the workspace row serialises
 * concurrent changes, so "is this the last owner?" and "already invited?" stay true until
 * commit; the actor's role is re-read under that lock rather than trusted from before it.
 */
export async function lockWorkspaceMembers(tx: DbOrTx, workspaceId: string, actorUserId: string) {
  const [workspace] = await tx
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for("update");
  if (!workspace) throw new NotFoundError("Workspace not found");
  const members = await tx
    .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.workspaceId, workspaceId));
  const actor = members.find((m) => m.userId === actorUserId);
  if (!actor || !canManageMembers(actor.role)) throw new ForbiddenError("Only admins and owners can manage members");
  const ownerCount = members.filter((m) => m.role === "owner").length;
  return { workspaceName: workspace.name, members, actor, ownerCount };
}
