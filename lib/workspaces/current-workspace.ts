import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import type { WorkspaceRole } from "@/db/schema";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { REQUEST_PATH_HEADER, safeCallbackPath } from "@/lib/security/request-path";
import { listMemberships, type Membership } from "./get-membership";

export const WORKSPACE_COOKIE = "lumen_workspace";

/**
 * Makes `workspaceId` the one the dashboard shows. Only for a workspace the caller has just
 * checked the user belongs to; pages check the membership again on every request anyway.
 */
export async function openWorkspace(workspaceId: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
}

export type WorkspaceContext = {
  db: Db;
  user: SessionUser;
  membership: Membership;
  workspaceId: string;
  memberships: Membership[];
  can: (role: WorkspaceRole) => boolean;
};

/**
 * For dashboard pages: the signed-in user and the workspace they are looking at (the
 * `lumen_workspace` cookie if they still belong to it, else their first workspace).
 * Redirects to sign-in when there is no session. Cached per request: the layout and the
 * page both ask, the database answers once.
 */
export const getWorkspaceContext = cache(async function getWorkspaceContext(): Promise<WorkspaceContext> {
  const user = await getSessionUser();
  if (!user) redirect(await signInAddress());
  const db = await getDb();
  const memberships = await listMemberships(db, user.id);
  if (memberships.length === 0) redirect("/sign-in?error=NoWorkspace");
  const wanted = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const membership = memberships.find((m) => m.workspaceId === wanted) ?? memberships[0];
  return {
    db,
    user,
    membership,
    workspaceId: membership.workspaceId,
    memberships,
    can: (role) => hasRole(membership.role, role),
  };
});

/** Sign-in, remembering the page asked for (proxy.ts passes its path on) so the link leads back to it. */
async function signInAddress(): Promise<string> {
  const requested = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER));
  return requested && requested !== "/segments" ? `/sign-in?callbackUrl=${encodeURIComponent(requested)}` : "/sign-in";
}
