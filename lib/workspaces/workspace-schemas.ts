import { z } from "zod";

export const workspaceNameSchema = z
  .string({ error: "Enter a workspace name" })
  .trim()
  .min(1, "Enter a workspace name")
  .max(80, "Keep the workspace name to 80 characters or fewer");

export const renameWorkspaceSchema = z.object({ name: workspaceNameSchema });

// The workspace to switch to travels as `workspaceId`, which workspaceAction checks before the schema runs.
export const switchWorkspaceSchema = z.object({ workspaceId: z.uuid({ error: "Choose a workspace" }) });
