import "server-only";
import type { JobEventData } from "@/lib/jobs/events";
import { sendJobEvent } from "@/lib/jobs/send-job-event";

/**
 * Queues a sync of a store's linked segments (the sync-data-store job). Called after the
 * write has committed: a job sent earlier could read the records as they were.
 */
export async function requestDataStoreSync(data: JobEventData<"data-stores/sync.requested">): Promise<void> {
  await sendJobEvent({ name: "data-stores/sync.requested", data });
}
