import { getDb } from "@/db/client";
import { evaluateCustomers } from "@/lib/segments/evaluate-customers";
import { defineJob } from "../define-job";

/**
 * Moves changed customers in and out of automatic segments within a second of the
 * change. Events are batched, so a burst of tracks costs one statement per affected
 * segment per workspace, not one per event.
 */
export const evaluateChangedCustomers = defineJob(
  {
    id: "evaluate-changed-customers",
    triggers: [{ event: "customers/changed" }],
    retries: 3,
    batchEvents: { maxSize: 500, timeoutMs: 100 },
  },
  async ({ events, step }) => {
    const byWorkspace = new Map<string, { ids: Set<number>; profile: boolean; names: Set<string> }>();
    for (const { data } of events) {
      const entry = byWorkspace.get(data.workspaceId) ?? { ids: new Set(), profile: false, names: new Set() };
      data.customerIds.forEach((id) => entry.ids.add(id));
      if (data.reason === "identify" || data.reason === "import" || data.reason === "manual") entry.profile = true;
      data.eventNames?.forEach((n) => entry.names.add(n));
      byWorkspace.set(data.workspaceId, entry);
    }
    const results: Record<string, { segments: number; entered: number; exited: number }> = {};
    for (const [workspaceId, change] of byWorkspace) {
      results[workspaceId] = await step.run(`evaluate-${workspaceId}`, async () =>
        evaluateCustomers(await getDb(), workspaceId, {
          customerIds: [...change.ids],
          profileChanged: change.profile,
          eventNames: [...change.names],
        }),
      );
    }
    return results;
  },
);
