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
    type Change = { ids: Set<number>; profile: boolean; names: Set<string> };
    const byKey = new Map<string, Change & { workspaceId: string; created: boolean }>();
    for (const { data } of events) {
      // New customers are evaluated against every segment, apart from the rest of the batch.
      const created = data.created === true;
      const key = `${data.workspaceId}:${created ? "created" : "changed"}`;
      const entry = byKey.get(key) ?? { workspaceId: data.workspaceId, created, ids: new Set(), profile: false, names: new Set() };
      data.customerIds.forEach((id) => entry.ids.add(id));
      if (data.profileChanged || data.reason === "identify" || data.reason === "import" || data.reason === "manual") entry.profile = true;
      data.eventNames?.forEach((n) => entry.names.add(n));
      byKey.set(key, entry);
    }
    const results: Record<string, { segments: number; entered: number; exited: number }> = {};
    for (const [key, change] of byKey) {
      results[key] = await step.run(`evaluate-${key}`, async () =>
        evaluateCustomers(await getDb(), change.workspaceId, {
          customerIds: [...change.ids],
          profileChanged: change.profile,
          eventNames: [...change.names],
          allSegments: change.created,
        }),
      );
    }
    return results;
  },
);
