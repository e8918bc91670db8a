import { vi } from "vitest";
import type { Db } from "@/db/client";
import { users, workspaceMembers, workspaces, type WorkspaceRole } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";

let counter = 0;

export async function createUser(db: Db, email?: string): Promise<SessionUser> {
  counter += 1;
  const address = email ?? `user${counter}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const [row] = await db.insert(users).values({ email: address, name: `User ${counter}` }).returning();
  return { id: row.id, email: row.email!, name: row.name };
}

export async function createWorkspace(db: Db, name = "Acme"): Promise<string> {
  const [row] = await db.insert(workspaces).values({ name }).returning({ id: workspaces.id });
  return row.id;
}

export async function addMember(db: Db, workspaceId: string, userId: string, role: WorkspaceRole) {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role });
}

/** A workspace with one user of the given role: the usual start of an authorization test. */
export async function workspaceWithUser(db: Db, role: WorkspaceRole = "owner", name = "Acme") {
  const user = await createUser(db);
  const workspaceId = await createWorkspace(db, name);
  await addMember(db, workspaceId, user.id, role);
  return { user, workspaceId };
}

/** An owner, an admin, a member and a viewer of one workspace. */
export async function createTeam(db: Db, name = "Acme") {
  const { user: owner, workspaceId } = await workspaceWithUser(db, "owner", name);
  const [admin, member, viewer] = [await createUser(db), await createUser(db), await createUser(db)];
  await addMember(db, workspaceId, admin.id, "admin");
  await addMember(db, workspaceId, member.id, "member");
  await addMember(db, workspaceId, viewer.id, "viewer");
  return { workspaceId, owner, admin, member, viewer };
}

/**
 * Signs `user` in for code that calls getSessionUser(). Tests that use it must declare
 * `vi.mock("@/lib/auth/session")` at top level.
 */
export async function signInAs(user: SessionUser | null) {
  const session = await import("@/lib/auth/session");
  vi.mocked(session.getSessionUser).mockResolvedValue(user);
}
