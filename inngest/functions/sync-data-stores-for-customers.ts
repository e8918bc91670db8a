import { getDb } from "@/db/client";
import { listStoresToSync } from "@/lib/data-stores/list-stores-to-sync";
import { defineJob } from "../define-job";

/** Beyond this many customers in one batch, the stores are synced in full rather than for a listed set. */
const MAX_LISTED_CUSTOMERS = 10_000;

/**
 * A customer who appears later (identify, the batch API, a CSV import that creates
 * customers) or whose email or external id changed joins the segments whose store already
 * has a record naming them: one sync per linked store, for those customers only. Track and
 * page events for known customers change neither identifier, so they are left out.
 */
export const syncDataStoresForCustomers = defineJob(
  {
    id: "sync-data-stores-for-customers",
    triggers: [{ event: "customers/changed" }],
    retries: 3,
    batchEvents: { maxSize: 500, timeoutMs: 200 },
  },
  async ({ events, step }) => {
    const byWorkspace = new Map<string, Set<number>>();
    for (const { data } of events) {
      if (!(data.created || data.profileChanged || data.reason === "identify" || data.reason === "import")) continue;
      const ids = byWorkspace.get(data.workspaceId) ?? new Set<number>();
      data.customerIds.forEach((id) => ids.add(id));
      byWorkspace.set(data.workspaceId, ids);
    }
    let queued = 0;
    for (const [workspaceId, ids] of byWorkspace) {
      const stores = await step.run(`stores-${workspaceId}`, async () => listStoresToSync(await getDb(), workspaceId));
      if (stores.length === 0) continue;
      const customerIds = ids.size <= MAX_LISTED_CUSTOMERS ? [...ids] : undefined;
      await step.sendEvent(
        `sync-${workspaceId}`,
        stores.map((s) => ({ name: "data-stores/sync.requested" as const, data: { ...s, reason: "customers" as const, ...(customerIds && { customerIds }) } })),
      );
      queued += stores.length;
    }
    return { queued };
  },
);
