import { getDb } from "@/db/client";
import type { DataStoreSyncInfo } from "@/db/schema";
import { findDataStoreById } from "@/lib/data-stores/get-data-store";
import { listLinkedSegments } from "@/lib/data-stores/list-linked-segments";
import { addCounts, fullSyncRanges, recordSyncResult, syncDataStoreScope, type SyncCounts, type SyncScope } from "@/lib/data-stores/sync-data-store";
import { defineJob } from "../define-job";

const kindOf: Record<string, DataStoreSyncInfo["kind"]> = { records: "incremental", customers: "customers", link: "link", schedule: "full" };

/**
 * Keeps the segments linked to a data store in step with its records. A record change syncs
 * only the customers its old and new identifiers name (one step, two set-based statements per
 * linked segment); a link, the schedule or a change too large to list syncs the whole store,
 * one step per chunk of customer ids, so each step fits a serverless time limit. One run per
 * store at a time: two syncs of the same store never interleave.
 */
export const syncDataStore = defineJob(
  {
    id: "sync-data-store",
    triggers: [{ event: "data-stores/sync.requested" }],
    retries: 3,
    concurrency: { limit: 1, key: "event.data.dataStoreId" },
  },
  async ({ event, step }) => {
    const { workspaceId, dataStoreId, identifiers, customerIds, segmentIds, reason } = event.data;
    const store = await step.run("load-store", async () => findDataStoreById(await getDb(), workspaceId, dataStoreId));
    // Deleted meanwhile: deleting it unlinked its segments and removed what it added.
    if (!store) return { skipped: "data store deleted" };
    const links = await step.run("list-links", async () => (await listLinkedSegments(await getDb(), workspaceId, store.id, segmentIds)).map((l) => l.publicId));
    if (links.length === 0) return { skipped: "no linked segments" };

    const scopes: SyncScope[] = identifiers
      ? [{ kind: "identifiers", identifiers }]
      : customerIds
        ? [{ kind: "customers", customerIds }]
        : (await step.run("plan", async () => fullSyncRanges(await getDb(), workspaceId))).map((r) => ({ kind: "range" as const, ...r }));
    const counts: Record<string, SyncCounts> = {};
    const info = { kind: kindOf[reason] ?? "full" } as const;
    try {
      for (const [i, scope] of scopes.entries()) {
        addCounts(counts, await step.run(`sync-${i}`, async () => syncDataStoreScope(await getDb(), workspaceId, store, scope, { segmentIds })));
      }
    } catch (error) {
      // Shown on the segment page; drizzle's own message would carry the query's parameters.
      const message = error instanceof Error && error.cause instanceof Error ? error.cause.message : "The sync failed; it is retried, and the hourly full sync repairs it.";
      await step.run("record-failure", async () =>
        recordSyncResult(await getDb(), workspaceId, links, { ...info, at: new Date().toISOString(), status: "failed", error: message.slice(0, 300) }, counts),
      );
      throw error;
    }
    await step.run("record-result", async () => recordSyncResult(await getDb(), workspaceId, links, { ...info, at: new Date().toISOString(), status: "ok" }, counts));
    return counts;
  },
);
