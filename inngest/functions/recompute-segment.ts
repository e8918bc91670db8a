import { StepError } from "inngest";
import { and, eq } from "drizzle-orm";
import { getDb, toNumber } from "@/db/client";
import { segments } from "@/db/schema";
import { failRecompute, finishRecompute, listDependentSegments, recomputeChunk, startRecompute } from "@/lib/segments/recompute-segment";
import { defineJob } from "../define-job";

const RETRIES = 3;

/**
 * Full recompute of an automatic segment: plan id-range chunks, run each chunk as its own
 * step (one statement each, retried on failure), then mark the segment ready. One run per
 * segment at a time; a run whose definition version is no longer current stops at its
 * next chunk. A run that still fails after its retries stores the error on the segment.
 */
export const recomputeSegment = defineJob(
  {
    id: "recompute-segment",
    triggers: [{ event: "segments/recompute.requested" }],
    retries: RETRIES,
    concurrency: { limit: 1, key: "event.data.segmentId" },
  },
  async ({ event, step, attempt }) => {
    const { workspaceId, segmentId, version } = event.data;
    try {
      const startedAt = await step.run("start", async () => new Date().toISOString());
      const plan = await step.run("plan", async () => startRecompute(await getDb(), workspaceId, segmentId, version));
      if (!plan) return { status: "superseded" as const };
      let entered = 0;
      let exited = 0;
      for (const [index, chunk] of plan.chunks.entries()) {
        const diff = await step.run(`chunk-${index}`, async () =>
          recomputeChunk(await getDb(), { workspaceId, segmentId, version, chunk, index, total: plan.chunks.length }),
        );
        if (!diff) return { status: "superseded" as const };
        entered += diff.entered;
        exited += diff.exited;
      }
      const finished = await step.run("finish", async () => finishRecompute(await getDb(), workspaceId, segmentId, version, new Date(startedAt)));
      if (!finished) return { status: "superseded" as const };
      const dependents = await step.run("find-dependents", async () => {
        const db = await getDb();
        const [segment] = await db.select({ publicId: segments.publicId }).from(segments).where(and(eq(segments.id, segmentId), eq(segments.workspaceId, workspaceId)));
        return segment ? (await listDependentSegments(db, workspaceId, segment.publicId)).map((d) => ({ id: toNumber(d.id), version: d.version })) : [];
      });
      if (dependents.length > 0) {
        await step.sendEvent(
          "recompute-dependents",
          dependents.map((d) => ({ name: "segments/recompute.requested" as const, data: { workspaceId, segmentId: d.id, version: d.version } })),
        );
      }
      return { status: "ready" as const, chunks: plan.chunks.length, entered, exited };
    } catch (error) {
      // Inngest throws StepError once a step has used up its retries; the embedded runner
      // re-runs the whole function, so there the last attempt is the final one.
      if (error instanceof StepError || attempt >= RETRIES) {
        const message = error instanceof Error ? error.message : String(error);
        await step.run("mark-failed", async () => failRecompute(await getDb(), workspaceId, segmentId, version, message));
      }
      throw error;
    }
  },
);
