import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { ForbiddenError, UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { lockWorkspaceMembers } from "./lock-workspace-members";
import { canRemoveMember, LAST_OWNER_MESSAGE, REMOVE_OWNER_MESSAGE } from "./member-rules";

/** Removes the membership only: the user's account, and anything they created in the workspace, stay. */
export async function removeMember(db: Db, workspaceId: string, input: { actorUserId: string; userId: string }) {
  return db.transaction(async (tx) => {
    const { members, actor, ownerCount } = await lockWorkspaceMembers(tx, workspaceId, input.actorUserId);
    const target = members.find((m) => m.userId === input.userId);
    if (!target) throw new UserError("That person is not a member of this workspace.");
    if (!canRemoveMember(actor.role, target.role)) throw new ForbiddenError(REMOVE_OWNER_MESSAGE);
    if (target.role === "owner" && ownerCount <= 1) throw new UserError(LAST_OWNER_MESSAGE);

    await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, input.userId)));
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "member.removed",
      target: input.userId,
      data: { role: target.role },
    });
    return { removedRole: target.role };
  });
}
