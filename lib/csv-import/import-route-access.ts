import "server-only";
import { getDb, type Db } from "@/db/client";
import type { WorkspaceRole } from "@/db/schema";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { UnauthorizedError } from "@/lib/errors";
import { requireMembership } from "@/lib/workspaces/get-membership";

/**
 * For the import route handlers (the upload page's batches, status and error file): the
 * signed-in user must belong to the workspace named in `?workspaceId=` with `role`; every
 * query after this is scoped by that workspace.
 */
export async function requireImportAccess(request: Request, role: WorkspaceRole): Promise<{ db: Db; user: SessionUser; workspaceId: string }> {
  const user = await getSessionUser();
  if (!user) throw new UnauthorizedError("Your session has ended. Please sign in again.");
  const workspaceId = new URL(request.url).searchParams.get("workspaceId") ?? "";
  const db = await getDb();
  await requireMembership(db, user.id, workspaceId, role);
  return { db, user, workspaceId };
}
