import type { WorkspaceRole } from "@/db/schema";

const rank: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `required` (owner > admin > member > viewer). */
export function hasRole(role: WorkspaceRole, required: WorkspaceRole): boolean {
  return rank[role] >= rank[required];
}

export const roleLabels: Record<WorkspaceRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const roleDescriptions: Record<WorkspaceRole, string> = {
  owner: "Everything, including deleting the workspace and managing owners",
  admin: "Manage members, API keys and all data",
  member: "Create and edit segments, customers and exports",
  viewer: "Read only",
};
