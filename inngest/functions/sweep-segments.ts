import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { segments } from "@/db/schema";
import { defineJob } from "../define-job";

/**
 * Nightly safety sweep: every automatic segment is recomputed from scratch, so a change
 * whose real-time event was lost (the ingestion API commits first and only then sends
 * the event) is still reflected by the next morning.
 */
export const sweepSegments = defineJob(
  { id: "sweep-segments", triggers: [{ cron: "0 3 * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => {
    const due = await step.run("list-segments", async () =>
      (await getDb())
        .select({ workspaceId: segments.workspaceId, segmentId: segments.id, version: segments.definitionVersion })
        .from(segments)
        // Stuck "computing" ones too: runs of one segment queue behind each other.
        .where(and(eq(segments.type, "automatic"), isNull(segments.deletedAt))),
    );
    if (due.length > 0) {
      await step.sendEvent(
        "recompute-all",
        due.map((d) => ({ name: "segments/recompute.requested" as const, data: d })),
      );
    }
    return { queued: due.length };
  },
);
