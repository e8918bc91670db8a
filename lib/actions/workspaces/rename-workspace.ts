"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { renameWorkspace } from "@/lib/workspaces/rename-workspace";
import { renameWorkspaceSchema } from "@/lib/workspaces/workspace-schemas";

export const renameWorkspaceAction = workspaceAction({
  role: "admin",
  schema: renameWorkspaceSchema,
  handler: async ({ name }, { db, user, workspaceId }) => {
    const { changed } = await renameWorkspace(db, workspaceId, { name, actorUserId: user.id });
    // The name shows in the navigation on every page.
    if (changed) revalidatePath("/", "layout");
    return { message: changed ? "Workspace renamed." : "The name is unchanged." };
  },
});
