import { getDb } from "@/db/client";
import { expireSegmentExports } from "@/lib/exports/expire-exports";
import { defineJob } from "../define-job";

/** Hourly: deletes export files past their 7-day expiry and fails exports whose job was lost. */
export const expireExports = defineJob({ id: "expire-exports", triggers: [{ cron: "0 * * * *" }] }, async ({ step }) =>
  step.run("expire", async () => expireSegmentExports(await getDb())),
);
