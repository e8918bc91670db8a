"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { WORKSPACE_COOKIE } from "@/lib/workspaces/current-workspace";
import { switchWorkspaceSchema } from "@/lib/workspaces/workspace-schemas";

/**
 * workspaceAction has already checked that the user belongs to the submitted workspace, so
 * the cookie only ever names a workspace of theirs; pages check again on every request anyway.
 */
export const switchWorkspaceAction = workspaceAction({
  role: "viewer",
  schema: switchWorkspaceSchema,
  handler: async (_input, { workspaceId, membership }) => {
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    revalidatePath("/", "layout");
    return { message: `Switched to ${membership.workspaceName}.` };
  },
});
