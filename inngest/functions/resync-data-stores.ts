import { getDb } from "@/db/client";
import { listStoresToSync } from "@/lib/data-stores/list-stores-to-sync";
import { defineJob } from "../define-job";

/**
 * Hourly repair: every store that a segment follows is synced in full, so a change whose
 * sync event was lost (the write commits first, then the event is sent) or a customer whose
 * email changed is put right within the hour.
 */
export const resyncDataStores = defineJob(
  { id: "resync-data-stores", triggers: [{ cron: "20 * * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => {
    const due = await step.run("list-stores", async () => listStoresToSync(await getDb()));
    if (due.length > 0) {
      await step.sendEvent(
        "sync-all",
        due.map((d) => ({ name: "data-stores/sync.requested" as const, data: { ...d, reason: "schedule" as const } })),
      );
    }
    return { queued: due.length };
  },
);
