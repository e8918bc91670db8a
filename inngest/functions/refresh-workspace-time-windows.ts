import { getDb } from "@/db/client";
import { refreshWorkspaceTimeWindows as refresh } from "@/lib/segments/refresh-time-windows";
import { defineJob } from "../define-job";

/** One workspace's time-window refresh (fanned out by refresh-time-windows), one at a time per workspace. */
export const refreshWorkspaceTimeWindows = defineJob(
  {
    id: "refresh-workspace-time-windows",
    triggers: [{ event: "segments/time-windows.due" }],
    retries: 2,
    concurrency: { limit: 1, key: "event.data.workspaceId" },
  },
  async ({ event, step }) => step.run("refresh", async () => refresh(await getDb(), event.data.workspaceId, new Date())),
);
