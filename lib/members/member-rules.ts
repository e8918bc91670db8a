import type { WorkspaceRole } from "@/db/schema";
import { hasRole } from "@/lib/auth/roles";

/**
 * Who may do what to whom. Shared by the settings UI (to hide what a role cannot do) and
 * the member data functions (which enforce it inside their transaction).
 */
export function canManageMembers(actorRole: WorkspaceRole): boolean {
  return hasRole(actorRole, "admin");
}

/** Granting or taking away the owner role is for owners only. */
export function canChangeRole(actorRole: WorkspaceRole, fromRole: WorkspaceRole, toRole: WorkspaceRole): boolean {
  if (!canManageMembers(actorRole)) return false;
  if (fromRole === "owner" || toRole === "owner") return actorRole === "owner";
  return true;
}

export function canRemoveMember(actorRole: WorkspaceRole, targetRole: WorkspaceRole): boolean {
  if (!canManageMembers(actorRole)) return false;
  return targetRole !== "owner" || actorRole === "owner";
}

/** Roles the actor may hand out, for the invite form. */
export function assignableRoles(actorRole: WorkspaceRole): WorkspaceRole[] {
  if (!canManageMembers(actorRole)) return [];
  const roles: WorkspaceRole[] = ["admin", "member", "viewer"];
  return actorRole === "owner" ? ["owner", ...roles] : roles;
}

export const LAST_OWNER_MESSAGE = "A workspace needs at least one owner. Make someone else an owner first.";
export const OWNER_ONLY_MESSAGE = "Only owners can make someone an owner or change an owner's role.";
export const REMOVE_OWNER_MESSAGE = "Only owners can remove an owner.";
