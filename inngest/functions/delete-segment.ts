import { getDb } from "@/db/client";
import { deleteChunkSize, purgeSegmentHistoryChunk, purgeSegmentMembersChunk, removeDeletedSegmentRow } from "@/lib/segments/delete-segment";
import { defineJob } from "../define-job";

/**
 * After Delete Segment: removes the deleted segment's memberships, then its history, one
 * chunk per step (each a single statement well within a serverless step's time), then the
 * row itself. Customers are not touched. Safe to retry or run twice: every statement
 * removes only rows of a segment already marked deleted.
 */
export const deleteSegmentJob = defineJob(
  {
    id: "delete-segment",
    triggers: [{ event: "segments/delete.requested" }],
    retries: 3,
    concurrency: { limit: 1, key: "event.data.segmentId" },
  },
  async ({ event, step }) => {
    const { workspaceId, segmentId } = event.data;
    const size = deleteChunkSize();
    let members = 0;
    let history = 0;
    let chunks = 0;
    for (let i = 0; ; i++) {
      const n = await step.run(`members-${i}`, async () => purgeSegmentMembersChunk(await getDb(), workspaceId, segmentId, size));
      members += n;
      chunks += 1;
      if (n < size) break;
    }
    for (let i = 0; ; i++) {
      const n = await step.run(`history-${i}`, async () => purgeSegmentHistoryChunk(await getDb(), workspaceId, segmentId, size));
      history += n;
      chunks += 1;
      if (n < size) break;
    }
    const removed = await step.run("remove-segment", async () => removeDeletedSegmentRow(await getDb(), workspaceId, segmentId));
    return { removed, members, history, chunks };
  },
);
