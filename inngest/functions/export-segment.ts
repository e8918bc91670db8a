import { StepError } from "inngest";
import { getDb } from "@/db/client";
import {
  SEGMENT_DELETED_ERROR,
  buildSegmentExportChunk,
  failSegmentExport,
  finishSegmentExportBuild,
  startSegmentExport,
} from "@/lib/exports/build-segment-export";
import { exportChunkRows, exportParallelChunks } from "@/lib/exports/export-settings";
import { sendSegmentExportEmail } from "@/lib/exports/send-segment-export-email";
import { defineJob } from "../define-job";

const RETRIES = 4;

/**
 * Exports a segment to CSV: snapshot the members, cut into chunks (one statement), build the file
 * chunk by chunk (one step and one stored part each, so a failed chunk is retried alone), then email
 * it in a step of its own, so a failed email is retried without rebuilding anything. A segment
 * deleted meanwhile stops the run with a clear status; a run that keeps failing stores why.
 */
export const exportSegment = defineJob(
  { id: "export-segment", triggers: [{ event: "exports/segment.requested" }], retries: RETRIES },
  async ({ event, step, attempt }) => {
    const { workspaceId, exportId } = event.data;
    let built = false;
    try {
      const start = await step.run("snapshot", async () => startSegmentExport(await getDb(), workspaceId, exportId, exportChunkRows()));
      if (start.status === "gone") return { status: "gone" as const };
      if (start.status === "segment_deleted") {
        await step.run("segment-deleted", async () => failSegmentExport(await getDb(), workspaceId, exportId, SEGMENT_DELETED_ERROR));
        return { status: "segment_deleted" as const };
      }

      // Chunks in waves of parallel steps: Inngest runs each on its own invocation, and in one
      // process one chunk's CSV is written while the next chunk's rows are read.
      let rowsWritten = 0;
      const parallel = exportParallelChunks();
      for (let first = 0; first < start.chunks; first += parallel) {
        const wave = Array.from({ length: Math.min(parallel, start.chunks - first) }, (_, i) => first + i);
        // allSettled, not all: when one chunk fails, the others of its wave must finish before the
        // failure path removes the parts, or a late chunk would store a part of a failed export.
        const settled = await Promise.allSettled(
          wave.map((chunk) =>
            step.run(`chunk-${chunk}`, async () => buildSegmentExportChunk(await getDb(), workspaceId, exportId, { chunk, columns: start.columns, ids: start.chunkIds?.[chunk] })),
          ),
        );
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
        if (failed) throw failed.reason;
        const built = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof buildSegmentExportChunk>>>).value);
        if (built.some((b) => b.status === "segment_deleted")) {
          await step.run("segment-deleted", async () => failSegmentExport(await getDb(), workspaceId, exportId, SEGMENT_DELETED_ERROR));
          return { status: "segment_deleted" as const };
        }
        for (const b of built) if (b.status === "written") rowsWritten += b.rows;
      }

      const file = await step.run("finish-build", async () => finishSegmentExportBuild(await getDb(), workspaceId, exportId, rowsWritten));
      built = true;
      const email = await step.run("send-email", async () => sendSegmentExportEmail(await getDb(), workspaceId, exportId));
      return { status: "sent" as const, parts: start.chunks, rows: file.rowsWritten, byteSize: file.byteSize, delivery: email.delivery };
    } catch (error) {
      // Inngest throws StepError once a step has used up its retries; the embedded runner
      // re-runs the whole function, so there the last attempt is the final one.
      if (error instanceof StepError || attempt >= RETRIES) {
        const message = error instanceof Error ? error.message : String(error);
        const reason = built ? `The file was built but the email could not be sent: ${message}` : `The export failed: ${message}`;
        await step.run("mark-failed", async () => failSegmentExport(await getDb(), workspaceId, exportId, reason, { keepBuiltFile: built }));
      }
      throw error;
    }
  },
);
