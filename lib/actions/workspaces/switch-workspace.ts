"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { openWorkspace } from "@/lib/workspaces/current-workspace";
import { switchWorkspaceSchema } from "@/lib/workspaces/workspace-schemas";

/**
 * workspaceAction has already checked that the user belongs to the submitted workspace, so
 * the cookie only ever names a workspace of theirs; pages check again on every request anyway.
 */
export const switchWorkspaceAction = workspaceAction({
  role: "viewer",
  schema: switchWorkspaceSchema,
  handler: async (_input, { workspaceId, membership }) => {
    await openWorkspace(workspaceId);
    revalidatePath("/", "layout");
    return { message: `Switched to ${membership.workspaceName}.` };
  },
});
