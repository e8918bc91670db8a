import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAuditLog } from "./record-audit-log";

export async function renameWorkspace(db: Db, workspaceId: string, input: { name: string; actorUserId: string }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    if (!before) throw new NotFoundError("Workspace not found");
    if (before.name === input.name) return { changed: false };
    await tx.update(workspaces).set({ name: input.name, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "workspace.renamed",
      target: workspaceId,
      data: { from: before.name, to: input.name },
    });
    return { changed: true };
  });
}
