import { getDb } from "@/db/client";
import { refreshTimeWindows as refresh } from "@/lib/segments/refresh-time-windows";
import { defineJob } from "../define-job";

/** Slides relative windows ("in the last 30 days") forward every minute. */
export const refreshTimeWindows = defineJob(
  { id: "refresh-time-windows", triggers: [{ cron: "* * * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => step.run("refresh", async () => refresh(await getDb())),
);
