import { getDb } from "@/db/client";
import { listWorkspacesToRefresh } from "@/lib/segments/refresh-time-windows";
import { defineJob } from "../define-job";

/**
 * Slides relative windows ("in the last 30 days") forward every minute: one
 * refresh-workspace-time-windows run per workspace, so each step holds one workspace's
 * work and fits a serverless step however many workspaces there are.
 */
export const refreshTimeWindows = defineJob(
  { id: "refresh-time-windows", triggers: [{ cron: "* * * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => {
    const workspaceIds = await step.run("list-workspaces", async () => listWorkspacesToRefresh(await getDb()));
    if (workspaceIds.length > 0) {
      await step.sendEvent(
        "fan-out",
        workspaceIds.map((workspaceId) => ({ name: "segments/time-windows.due" as const, data: { workspaceId } })),
      );
    }
    return { workspaces: workspaceIds.length };
  },
);
