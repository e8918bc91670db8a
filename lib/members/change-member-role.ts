import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceMembers, type WorkspaceRole } from "@/db/schema";
import { ForbiddenError, UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { lockWorkspaceMembers } from "./lock-workspace-members";
import { canChangeRole, LAST_OWNER_MESSAGE, OWNER_ONLY_MESSAGE } from "./member-rules";

export async function changeMemberRole(
  db: Db,
  workspaceId: string,
  input: { actorUserId: string; userId: string; role: WorkspaceRole },
): Promise<{ changed: boolean; from: WorkspaceRole }> {
  return db.transaction(async (tx) => {
    const { members, actor, ownerCount } = await lockWorkspaceMembers(tx, workspaceId, input.actorUserId);
    const target = members.find((m) => m.userId === input.userId);
    if (!target) throw new UserError("That person is not a member of this workspace.");
    if (target.role === input.role) return { changed: false, from: target.role };
    if (!canChangeRole(actor.role, target.role, input.role)) throw new ForbiddenError(OWNER_ONLY_MESSAGE);
    if (target.role === "owner" && ownerCount <= 1) throw new UserError(LAST_OWNER_MESSAGE);

    await tx
      .update(workspaceMembers)
      .set({ role: input.role })
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, input.userId)));
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "member.role_changed",
      target: input.userId,
      data: { from: target.role, to: input.role },
    });
    return { changed: true, from: target.role };
  });
}
